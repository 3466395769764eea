import type { FilterNode } from '@tessera/engine';

export type { DashboardDocument, DashboardSummary, WidgetEvaluation } from '@tessera/engine';

/** The filter bar's parameters, sent with every widget request (`period`, `owner`, `unit`, `f.<field>`). */
export type FilterParams = Record<string, string>;

/** Opens the record list of `object` showing exactly the records of `filter`. */
export type DrillDown = (filter: FilterNode | null | undefined) => void;
