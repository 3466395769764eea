import type { AnalyticsResult, DimensionValue } from '@tessera/engine';
import type { Label, Widget } from '@tessera/metadata';
import type { DrillDown, WidgetEvaluation } from '../dashboard.types';

/** What every widget renderer gets: its definition, its computed figures and the drill-down into the record list. */
export interface WidgetProps<T extends Widget['type'], R extends AnalyticsResult = AnalyticsResult> {
  widget: Extract<Widget, { type: T }>;
  data: WidgetEvaluation<R>;
  drill: DrillDown;
  /** Chart height in pixels (the widget's grid rows). */
  height: number;
}

/** A dimension value's text: its label in the UI language, else the raw value. */
export function dimensionText(v: DimensionValue, label: (l: Label | undefined) => string): string {
  if (v.label === null) return v.value === null ? '' : String(v.value);
  return typeof v.label === 'string' ? v.label : label(v.label);
}

/** ECharts' tooltip / click parameters as the widgets read them. */
export interface ItemParams {
  dataIndex: number;
  seriesId?: string;
  seriesIndex?: number;
  value?: unknown;
}
