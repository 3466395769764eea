import { DownloadOutlined } from '@ant-design/icons';
import type { AnalyticsResult } from '@tessera/engine';
import type { Widget } from '@tessera/metadata';
import { Alert, App, Button, Card, Skeleton, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { problemLines } from '../api/problem';
import { useLabel } from '../i18n/label';
import { useMe } from '../metadata/metadata.queries';
import { downloadCsv } from '../api/csv-download';
import { useWidget, widgetUrl } from './dashboard.queries';
import type { DashboardDocument, FilterParams, WidgetEvaluation } from './dashboard.types';
import { useDrillDown } from './drill-down';
import { DwellWidget } from './widgets/DwellWidget';
import { ForecastWidget } from './widgets/ForecastWidget';
import { FunnelWidget } from './widgets/FunnelWidget';
import { HealthWidget } from './widgets/HealthWidget';
import { HeatmapWidget } from './widgets/HeatmapWidget';
import { KpiWidget } from './widgets/KpiWidget';
import { OverdueListWidget } from './widgets/OverdueListWidget';
import { TrendWidget } from './widgets/TrendWidget';
import type { WidgetProps } from './widgets/widget.props';

/** Chart height per grid row of a widget. */
const ROW_HEIGHT = 280;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each renderer narrows its own widget and result
const RENDERERS: Record<Widget['type'], (p: WidgetProps<any, any>) => ReactNode> = {
  kpi: KpiWidget,
  funnel: FunnelWidget,
  stageDwell: DwellWidget,
  conversionTrend: TrendWidget,
  weightedForecast: ForecastWidget,
  heatmap: HeatmapWidget,
  overdueList: OverdueListWidget,
  health: HealthWidget,
};

/** One widget: its card, its figures (refreshed with the dashboard), and the CSV export of its table for viewers with the export right. */
export function WidgetCard({ doc, widget, params }: { doc: DashboardDocument; widget: Widget; params: FilterParams }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const { message } = App.useApp();
  const me = useMe();
  const q = useWidget<AnalyticsResult>(doc.key, widget.key, params, doc.refreshSeconds);
  const data = q.data as WidgetEvaluation | undefined;
  const drill = useDrillDown(data?.object ?? '');
  const canExport = widget.type !== 'kpi' && data !== undefined && !!me.data?.objects[data.object]?.actions.includes('export');
  const Renderer = RENDERERS[widget.type];

  const exportCsv = () =>
    downloadCsv(widgetUrl(doc.key, widget.key, params, '/csv'), `${doc.key}-${widget.key}.csv`).catch((e: unknown) => message.error(problemLines(e).join('; ')));

  return (
    <Card
      size="small"
      title={label(widget.title)}
      data-testid={`widget-${widget.key}`}
      style={{ height: '100%' }}
      extra={
        canExport && (
          <Tooltip title={t('dashboards.csv')}>
            <Button size="small" type="text" icon={<DownloadOutlined />} aria-label={t('dashboards.csv')} data-testid={`csv-${widget.key}`} onClick={exportCsv} />
          </Tooltip>
        )
      }
    >
      {q.error && !data ? (
        <Alert type="error" title={problemLines(q.error).join('; ')} />
      ) : !data ? (
        <Skeleton active paragraph={{ rows: widget.type === 'kpi' ? 1 : 5 }} />
      ) : (
        <Renderer widget={widget} data={data} drill={drill} height={ROW_HEIGHT * (widget.height ?? 1)} />
      )}
    </Card>
  );
}
