import type { FilterNode } from '../records/list-query.parse';
import type { CountFigure } from './analytics-result';

/** One record over its stage's timeout, most overdue first. */
export interface OverdueRow {
  id: string;
  stage: string;
  enteredAt: string;
  /** When the timeout ran out (entered + timeout). */
  dueAt: string;
  /** The record's fields asked for (hidden ones never appear). */
  record: Record<string, unknown>;
}

export interface OverdueResult {
  query: 'overdue';
  object: string;
  pipeline: string;
  asOf: string;
  fields: string[];
  /** Every overdue record (the rows are the first `limit` of them). */
  total: CountFigure;
  rows: OverdueRow[];
  where: FilterNode | null;
}
