import type { CountFigure, TrendPeriod, TrendResult } from '@tessera/engine';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../i18n/label';
import { EChart } from '../EChart';
import type { ChartOption } from '../echarts.setup';
import { formatRate } from '../figure.format';
import type { WidgetProps } from './widget.props';

type Series = 'new' | 'won' | 'lost' | 'conversion';
const ALL: Series[] = ['new', 'won', 'lost', 'conversion'];

/** The records behind a point: the period's new, won or lost records, or those that converted. */
const figureOf = (p: TrendPeriod, s: Series): CountFigure => (s === 'conversion' ? p.conversion.part : p[s]);

/**
 * New, won and lost records per period (line or bar, as the widget says) and the
 * conversion rate on a second axis; a click on a point opens its records.
 */
export function TrendWidget({ widget, data, drill, height }: WidgetProps<'conversionTrend', TrendResult>) {
  const { t } = useTranslation();
  const { label, language } = useLabel();
  const r = data.result;
  const shown = widget.series ?? ALL;
  const chart = widget.chart ?? 'line';

  const option = useMemo<ChartOption>(() => {
    const counts = shown.filter((s) => s !== 'conversion');
    return {
      animationDuration: 300,
      grid: { left: 48, right: 48, top: 36, bottom: 28 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: r.periods.map((p) => p.key) },
      yAxis: [
        { type: 'value', minInterval: 1 },
        // The rate's own axis, only when the rate is drawn.
        ...(shown.includes('conversion') ? [{ type: 'value' as const, min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } }] : []),
      ],
      series: [
        ...counts.map((s) => ({ id: s, name: t(`dashboards.trend.${s}`), type: chart, data: r.periods.map((p) => p[s as 'new' | 'won' | 'lost'].count) }) as const),
        ...(shown.includes('conversion')
          ? [
              {
                id: 'conversion',
                name: t('dashboards.trend.conversion'),
                type: 'line' as const,
                yAxisIndex: 1,
                tooltip: { valueFormatter: (v: unknown) => (v === null || v === undefined || v === '-' ? '–' : `${v}%`) },
                data: r.periods.map((p) => (p.conversion.rate === null ? '-' : Math.round(p.conversion.rate * 1000) / 10)),
              },
            ]
          : []),
      ],
    } as ChartOption;
    // t changes with the language only.
  }, [r, chart, shown.join(), language]);

  return (
    <EChart
      option={option}
      height={height}
      testId={`chart-${widget.key}`}
      label={`${label(widget.title)}: ${formatRate(r.totals.conversion.rate)}`}
      onClick={(e) => {
        const period = r.periods[e.dataIndex];
        if (period && e.seriesId) drill(figureOf(period, e.seriesId as Series).filter);
      }}
    />
  );
}
