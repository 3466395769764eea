import type { CountFigure, DwellResult, DwellStageFigure } from '@tessera/engine';
import { Button, Table } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../i18n/label';
import { EChart } from '../EChart';
import type { ChartOption } from '../echarts.setup';
import { formatCount, formatDuration } from '../figure.format';
import type { ItemParams, WidgetProps } from './widget.props';

const SECONDS: Record<'avg' | 'median' | 'p90', (s: DwellStageFigure) => number | null> = {
  avg: (s) => s.avgSeconds,
  median: (s) => s.medianSeconds,
  p90: (s) => s.p90Seconds,
};

/**
 * Time in each open stage (the widget's statistic, in days) as bars; a click opens the
 * records whose stays were measured. Below: records there now and over the stage's timeout.
 */
export function DwellWidget({ widget, data, drill, height }: WidgetProps<'stageDwell', DwellResult>) {
  const { t } = useTranslation();
  const { label, language } = useLabel();
  const r = data.result;
  const statistic = widget.statistic ?? 'median';
  const open = useMemo(() => r.stages.filter((s) => s.type === 'open'), [r]);

  const option = useMemo<ChartOption>(
    () => ({
      animationDuration: 300,
      grid: { left: 48, right: 16, top: 24, bottom: 40 },
      tooltip: {
        trigger: 'item',
        formatter: (p: unknown) => {
          const s = open[(p as ItemParams).dataIndex];
          return `${label(s.label)}<br/>${t(`dashboards.dwell.${statistic}`)}: ${formatDuration(SECONDS[statistic](s), t)}<br/>${t('dashboards.dwell.visits')}: ${s.visits}`;
        },
      },
      xAxis: { type: 'category', data: open.map((s) => label(s.label)), axisLabel: { interval: 0, rotate: open.length > 5 ? 20 : 0 } },
      yAxis: { type: 'value', name: t('dashboards.units.daysAxis') },
      series: [{ type: 'bar', data: open.map((s) => (SECONDS[statistic](s) === null ? 0 : Math.round((SECONDS[statistic](s)! / 86_400) * 10) / 10)) }],
    }),
    // label and t change with the language only.
    [open, statistic, language],
  );

  const link = (f: CountFigure | null, name: string) =>
    f ? (
      <Button type="link" size="small" style={{ padding: 0 }} data-testid={`drill-${widget.key}-${name}`} onClick={() => drill(f.filter)}>
        {formatCount(f.count, language)}
      </Button>
    ) : (
      '–'
    );

  return (
    <>
      <EChart option={option} height={height} testId={`chart-${widget.key}`} label={label(widget.title)} onClick={(e) => drill(open[e.dataIndex]?.records.filter)} />
      <Table<DwellStageFigure>
        size="small"
        rowKey="stage"
        pagination={false}
        dataSource={open}
        columns={[
          { key: 'stage', title: t('dashboards.funnel.stage'), render: (_, s) => label(s.label) },
          { key: 'stat', title: t(`dashboards.dwell.${statistic}`), align: 'right', render: (_, s) => formatDuration(SECONDS[statistic](s), t) },
          { key: 'current', title: t('dashboards.dwell.current'), align: 'right', render: (_, s) => link(s.current, `${s.stage}-current`) },
          { key: 'overdue', title: t('dashboards.dwell.overdue'), align: 'right', render: (_, s) => link(s.overdue, `${s.stage}-overdue`) },
        ]}
      />
    </>
  );
}
