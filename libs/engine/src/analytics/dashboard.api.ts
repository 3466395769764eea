import type { DashboardDefinition, Label, Widget } from '@tessera/metadata';
import type { AnalyticsResult } from './widget-table';
import type { RawAnalyticsParams } from './analytics-request.parse';
import type { KpiValue } from './kpi.value';

/** How often a dashboard refreshes when its document does not say. */
export const DEFAULT_REFRESH_SECONDS = 60;

/** One entry of `GET /api/dashboards`: the dashboards the caller's roles may see. */
export interface DashboardSummary {
  key: string;
  label: Label;
  description: Label | null;
  refreshSeconds: number;
  widgets: number;
}

/** `GET /api/dashboards/:key`: the document with its refresh interval filled in. */
export type DashboardDocument = DashboardDefinition & { refreshSeconds: number };

/** `GET /api/dashboards/:key/widgets/:widget`: one widget computed in the caller's scope, and for a KPI its value. */
export interface WidgetEvaluation<R extends AnalyticsResult = AnalyticsResult> {
  dashboard: string;
  widget: string;
  type: Widget['type'];
  object: string;
  query: string;
  /** The parameters the query ran with (the dashboard's filters applied). */
  params: RawAnalyticsParams;
  result: R;
  kpi?: KpiValue & { target: string | number | null; format: 'number' | 'currency' | 'percent' };
}
