import type { FunnelResult, FunnelStageFigure } from '@tessera/engine';
import { Button, Table } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../i18n/label';
import { EChart } from '../EChart';
import type { ChartOption } from '../echarts.setup';
import { formatCount, formatMoney, formatRate, toChartNumber } from '../figure.format';
import type { ItemParams, WidgetProps } from './widget.props';

/**
 * Records (or their amount) per open stage as a funnel in stage order; a click on a stage
 * opens the records there now. Below it, every stage's figures: count, amount, how many
 * reached it, conversion to the next stage and to won (won and lost included).
 */
export function FunnelWidget({ widget, data, drill, height }: WidgetProps<'funnel', FunnelResult>) {
  const { t } = useTranslation();
  const { label, language } = useLabel();
  const r = data.result;
  const byAmount = widget.measure === 'amount';
  const open = useMemo(() => r.stages.filter((s) => s.type === 'open'), [r]);

  const option = useMemo<ChartOption>(() => {
    const shown = (s: FunnelStageFigure) => (byAmount ? formatMoney(s.amount) : formatCount(s.count, language));
    return {
      animationDuration: 300,
      tooltip: {
        trigger: 'item',
        formatter: (p: unknown) => {
          const s = open[(p as ItemParams).dataIndex];
          return `${label(s.label)}<br/>${t('dashboards.funnel.count')}: ${formatCount(s.count, language)}<br/>${t('dashboards.funnel.amount')}: ${formatMoney(s.amount)}<br/>${t('dashboards.funnel.toNext')}: ${formatRate(s.conversionToNext)}`;
        },
      },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: '8%',
          width: '84%',
          top: 8,
          bottom: 8,
          minSize: '12%',
          gap: 2,
          label: { show: true, position: 'inside', formatter: (p: unknown) => `${label(open[(p as ItemParams).dataIndex].label)}  ${shown(open[(p as ItemParams).dataIndex])}` },
          data: open.map((s) => ({ name: s.stage, value: byAmount ? toChartNumber(s.amount) : s.count })),
        },
      ],
    };
    // label and t change with the language only.
  }, [open, byAmount, language]);

  const countLink = (n: number | undefined, s: { filter: FunnelStageFigure['filter'] } | null, name: string) =>
    s && n !== undefined ? (
      <Button type="link" size="small" style={{ padding: 0 }} data-testid={`drill-${widget.key}-${name}`} onClick={() => drill(s.filter)}>
        {formatCount(n, language)}
      </Button>
    ) : (
      '–'
    );

  return (
    <>
      <EChart option={option} height={height} testId={`chart-${widget.key}`} label={label(widget.title)} onClick={(e) => drill(open[e.dataIndex]?.filter)} />
      <Table<FunnelStageFigure>
        size="small"
        rowKey="stage"
        pagination={false}
        dataSource={r.stages}
        data-testid={`figures-${widget.key}`}
        columns={[
          { key: 'stage', title: t('dashboards.funnel.stage'), render: (_, s) => label(s.label) },
          { key: 'count', title: t('dashboards.funnel.count'), align: 'right', render: (_, s) => countLink(s.count, s, s.stage) },
          { key: 'amount', title: t('dashboards.funnel.amount'), align: 'right', render: (_, s) => formatMoney(s.amount) },
          { key: 'reached', title: t('dashboards.funnel.reached'), align: 'right', render: (_, s) => countLink(s.reached?.count, s.reached, `${s.stage}-reached`) },
          { key: 'next', title: t('dashboards.funnel.toNext'), align: 'right', render: (_, s) => formatRate(s.conversionToNext) },
          { key: 'won', title: t('dashboards.funnel.toWon'), align: 'right', render: (_, s) => formatRate(s.conversionToWon) },
        ]}
      />
    </>
  );
}
