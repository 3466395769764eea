import type { ForecastResult } from '@tessera/engine';
import { Button, Space, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../i18n/label';
import { EChart } from '../EChart';
import type { ChartOption } from '../echarts.setup';
import { formatMoney, toChartNumber } from '../figure.format';
import type { ItemParams, WidgetProps } from './widget.props';

type Scenario = 'conservative' | 'neutral' | 'optimistic';
const ALL: Scenario[] = ['conservative', 'neutral', 'optimistic'];

/**
 * The three scenarios per period of the close date as grouped bars (or lines): conservative
 * (commit only), neutral (weighted), optimistic (commit + best case); a click opens the
 * records behind the bar. Totals of the shown periods below, each a drill-down too.
 */
export function ForecastWidget({ widget, data, drill, height }: WidgetProps<'weightedForecast', ForecastResult>) {
  const { t } = useTranslation();
  const { label, language } = useLabel();
  const r = data.result;
  const shown = widget.scenarios ?? ALL;
  const chart = widget.chart ?? 'bar';

  const option = useMemo<ChartOption>(
    () =>
      ({
        animationDuration: 300,
        grid: { left: 88, right: 16, top: 36, bottom: 28 },
        legend: { top: 0 },
        tooltip: {
          trigger: 'axis',
          // The exact decimal amounts, not the chart's floats.
          formatter: (items: unknown) => {
            const list = items as ItemParams[];
            const period = r.periods[list[0]?.dataIndex];
            if (!period) return '';
            return [period.key, ...list.map((i) => `${t(`dashboards.forecast.${i.seriesId}`)}: ${formatMoney(period.scenarios[i.seriesId as Scenario].amount)}`)].join('<br/>');
          },
        },
        xAxis: { type: 'category', data: r.periods.map((p) => p.key) },
        yAxis: { type: 'value' },
        series: shown.map((s) => ({ id: s, name: t(`dashboards.forecast.${s}`), type: chart, data: r.periods.map((p) => toChartNumber(p.scenarios[s].amount)) })),
      }) as ChartOption,
    // t changes with the language only.
    [r, chart, shown.join(), language],
  );

  return (
    <>
      <EChart
        option={option}
        height={height}
        testId={`chart-${widget.key}`}
        label={label(widget.title)}
        onClick={(e) => {
          const period = r.periods[e.dataIndex];
          if (period && e.seriesId) drill(period.scenarios[e.seriesId as Scenario].filter);
        }}
      />
      <Space wrap size="middle">
        {shown.map((s) => (
          <span key={s}>
            <Typography.Text type="secondary">{t(`dashboards.forecast.${s}`)}: </Typography.Text>
            <Button type="link" size="small" style={{ padding: 0 }} data-testid={`drill-${widget.key}-${s}`} onClick={() => drill(r.totals.scenarios[s].filter)}>
              {formatMoney(r.totals.scenarios[s].amount)}
            </Button>
          </span>
        ))}
      </Space>
    </>
  );
}
