import type { AggregateResult, DimensionValue, FilterNode, HeatmapResult } from '@tessera/engine';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../i18n/label';
import { EChart } from '../EChart';
import type { ChartOption } from '../echarts.setup';
import { formatCount, formatNumber, formatRate } from '../figure.format';
import { dimensionText, type ItemParams, type WidgetProps } from './widget.props';

/** One cell as drawn: grid position, value (null: nothing to show), tooltip text and the records behind it. */
interface Cell {
  x: number;
  y: number;
  value: number | null;
  text: string;
  tip: string;
  filter: FilterNode;
}

interface Grid {
  xs: string[];
  ys: string[];
  cells: Cell[];
  percent: boolean;
}

/**
 * A heatmap: for `lossRate` the open stages (rows) by a dimension (columns), each cell the
 * share of the records that reached the stage and were lost from it — a click opens those
 * lost records; otherwise a count, sum or average by two dimensions — a click opens the
 * cell's records.
 */
export function HeatmapWidget({ widget, data, drill, height }: WidgetProps<'heatmap', HeatmapResult | AggregateResult>) {
  const { t } = useTranslation();
  const { label, language } = useLabel();
  const r = data.result;

  const grid = useMemo<Grid>(() => {
    const text = (v: DimensionValue) => dimensionText(v, label);
    if (r.query === 'heatmap') {
      const stages = r.stages;
      const cells = r.cells.map((c) => ({
        x: r.values.findIndex((v) => v.value === c.value),
        y: stages.findIndex((s) => s.stage === c.stage),
        value: c.lossRate === null ? null : Math.round(c.lossRate * 1000) / 10,
        text: formatRate(c.lossRate),
        tip: t('dashboards.heatmap.lossTip', { lost: c.lost.count, reached: c.reached.count, rate: formatRate(c.lossRate) }),
        filter: c.lost.filter,
      }));
      return { xs: r.values.map(text), ys: stages.map((s) => label(s.label)), cells, percent: true };
    }
    const rows = r.rows?.values ?? [{ value: null, label: '' }];
    const columns = r.columns?.values ?? [{ value: null, label: '' }];
    const measure = r.measure;
    const cells = r.cells.map((c) => {
      const raw = measure === 'count' ? c.count : c[measure];
      return {
        x: columns.findIndex((v) => v.value === (c.column ?? null)),
        y: rows.findIndex((v) => v.value === (c.row ?? null)),
        value: raw === null ? null : Number(raw),
        text: measure === 'count' ? formatCount(c.count, language) : formatNumber(raw, language),
        tip: `${formatNumber(raw, language)} (${t('dashboards.heatmap.records', { count: c.count })})`,
        filter: c.filter,
      };
    });
    return { xs: columns.map(text), ys: rows.map(text), cells, percent: false };
    // label and t change with the language only.
  }, [r, language]);

  const option = useMemo<ChartOption>(() => {
    const values = grid.cells.map((c) => c.value).filter((v): v is number => v !== null);
    return {
      animation: false,
      // Room for slanted column names above the colour scale.
      grid: { left: 96, right: 16, top: 8, bottom: grid.xs.length > 4 ? 104 : 64 },
      tooltip: {
        formatter: (p: unknown) => {
          const c = grid.cells[(p as ItemParams).dataIndex];
          return `${grid.ys[c.y]} × ${grid.xs[c.x]}<br/>${c.tip}`;
        },
      },
      xAxis: { type: 'category', data: grid.xs, axisLabel: { interval: 0, rotate: grid.xs.length > 4 ? 30 : 0 }, splitArea: { show: true } },
      yAxis: { type: 'category', data: grid.ys, inverse: true, splitArea: { show: true } },
      visualMap: {
        min: 0,
        max: grid.percent ? 100 : Math.max(1, ...values),
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 80,
        inRange: { color: grid.percent ? ['#f6ffed', '#ffccc7', '#cf1322'] : ['#e6f4ff', '#1677ff'] },
        text: grid.percent ? ['100%', '0%'] : undefined,
      },
      series: [
        {
          type: 'heatmap',
          data: grid.cells.map((c) => ({ value: [c.x, c.y, c.value ?? '-'] })),
          label: { show: true, formatter: (p: unknown) => grid.cells[(p as ItemParams).dataIndex].text, fontSize: 11 },
          emphasis: { itemStyle: { borderColor: '#333', borderWidth: 1 } },
        },
      ],
    } as ChartOption;
  }, [grid]);

  return <EChart option={option} height={height} testId={`chart-${widget.key}`} label={label(widget.title)} onClick={(e) => drill(grid.cells[e.dataIndex]?.filter)} />;
}
