import type { AnalyticsResult, FilterNode, KpiValue } from '@tessera/engine';
import type { DashboardDefinition, Label, Widget } from '@tessera/metadata';

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

/** `GET /api/dashboards/:key/widgets/:widget`: one widget computed in the caller's scope. */
export interface WidgetEvaluation<R extends AnalyticsResult = AnalyticsResult> {
  dashboard: string;
  widget: string;
  type: Widget['type'];
  object: string;
  query: string;
  params: Record<string, string>;
  result: R;
  kpi?: KpiValue & { target: string | number | null; format: 'number' | 'currency' | 'percent' };
}

/** The filter bar's parameters, sent with every widget request (`period`, `owner`, `unit`, `f.<field>`). */
export type FilterParams = Record<string, string>;

/** Opens the record list of `object` showing exactly the records of `filter`. */
export type DrillDown = (filter: FilterNode | null | undefined) => void;
