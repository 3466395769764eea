import { Alert, Card, Col, Row, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router-dom';
import { problemLines } from '../api/problem';
import { useLabel } from '../i18n/label';
import { useWorkspace } from '../metadata/metadata.queries';
import { filterParams } from './dashboard-filters';
import { useDashboard } from './dashboard.queries';
import { DashboardFilterBar } from './DashboardFilterBar';
import { WidgetCard } from './WidgetCard';

/** A dashboard: its filter bar, then its widgets on the 12-column grid, each refreshed every `refreshSeconds`. */
export function DashboardPage() {
  const { key = '' } = useParams();
  const { t } = useTranslation();
  const { label } = useLabel();
  const [search] = useSearchParams();
  const doc = useDashboard(key);
  const meta = useWorkspace();

  if (doc.error) return <Alert type="error" title={problemLines(doc.error).join('; ')} />;
  if (!doc.data || !meta.data) return <Spin />;
  const params = filterParams(doc.data, search);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="dashboard">
      <Card size="small">
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {label(doc.data.label)}
            </Typography.Title>
            <Typography.Text type="secondary">{t('dashboards.refresh', { seconds: doc.data.refreshSeconds })}</Typography.Text>
          </Space>
          {doc.data.description && <Typography.Text type="secondary">{label(doc.data.description)}</Typography.Text>}
          <DashboardFilterBar doc={doc.data} meta={meta.data} params={params} />
        </Space>
      </Card>
      <Row gutter={[16, 16]}>
        {doc.data.widgets.map((w) => (
          <Col key={w.key} xs={24} lg={(w.span ?? 6) * 2}>
            <WidgetCard doc={doc.data} widget={w} params={params} />
          </Col>
        ))}
      </Row>
    </Space>
  );
}
