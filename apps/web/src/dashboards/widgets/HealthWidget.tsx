import type { HealthResult } from '@tessera/engine';
import { Button, Col, Row, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../i18n/label';
import { formatCount, formatDuration, formatRate } from '../figure.format';
import type { WidgetProps } from './widget.props';

const day = (iso: string) => iso.slice(0, 10);

/**
 * The process-health report of the last complete period against the one before: time to
 * first follow-up of new records, checklist items done on time, approval response time per
 * step, and the sales-cycle shortening (old − new) / old.
 */
export function HealthWidget({ widget, data, drill }: WidgetProps<'health', HealthResult>) {
  const { t } = useTranslation();
  const { label, language } = useLabel();
  const r = data.result;
  const f = r.firstFollowUp;
  const cycle = r.salesCycle;
  return (
    <>
      <Typography.Text type="secondary">{t('dashboards.health.period', { from: day(r.period.from), to: day(r.period.to), baseFrom: day(r.baseline.from), baseTo: day(r.baseline.to) })}</Typography.Text>
      <Row gutter={[16, 16]} style={{ marginTop: 8 }}>
        <Col xs={12} md={6}>
          <Statistic title={t('dashboards.health.firstFollowUp')} value={formatDuration(f.avgSeconds, t)} formatter={() => formatDuration(f.avgSeconds, t)} />
          <Button type="link" size="small" style={{ padding: 0 }} data-testid={`drill-${widget.key}-leads`} onClick={() => drill(f.leads.filter)}>
            {t('dashboards.health.leads', { followed: formatCount(f.followedUp, language), leads: formatCount(f.leads.count, language) })}
          </Button>
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('dashboards.health.actionsOnTime')} value={formatRate(r.actionsOnTime.share)} formatter={() => formatRate(r.actionsOnTime.share)} />
          <Typography.Text type="secondary">{t('dashboards.health.actions', { onTime: r.actionsOnTime.onTime, due: r.actionsOnTime.due })}</Typography.Text>
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('dashboards.health.salesCycle')} value={formatDuration(cycle.current.avgSeconds, t)} formatter={() => formatDuration(cycle.current.avgSeconds, t)} />
          <Typography.Text type="secondary">
            {t('dashboards.health.baseline', { value: formatDuration(cycle.baseline.avgSeconds, t) })}{' '}
            <Button type="link" size="small" style={{ padding: 0 }} onClick={() => drill(cycle.current.filter)}>
              {t('dashboards.health.won', { count: cycle.current.count })}
            </Button>
          </Typography.Text>
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('dashboards.health.shortening')} value={formatRate(cycle.shortening)} formatter={() => formatRate(cycle.shortening)} />
        </Col>
      </Row>
      {r.approvalResponse.length > 0 && (
        <Table
          size="small"
          style={{ marginTop: 8 }}
          rowKey={(a) => `${a.flow}.${a.step}`}
          pagination={false}
          dataSource={r.approvalResponse}
          columns={[
            { key: 'flow', title: t('dashboards.health.flow'), render: (_, a) => `${label(a.flowLabel ?? undefined) || a.flow} · ${label(a.stepLabel ?? undefined) || a.step}` },
            { key: 'responses', title: t('dashboards.health.responses'), align: 'right', render: (_, a) => a.responses },
            { key: 'avg', title: t('dashboards.health.responseTime'), align: 'right', render: (_, a) => formatDuration(a.avgSeconds, t) },
          ]}
        />
      )}
    </>
  );
}
