import type { Label } from '@tessera/metadata';
import type { FilterNode } from '../records/list-query.parse';

/**
 * A number of records, with the record-list filter that selects exactly them: opening
 * the list API with `filter` shows `count` records (drill-down).
 */
export interface CountFigure {
  count: number;
  filter: FilterNode;
}

/** A number of records and the sum of their amount (a decimal string; null when the amount is not shown). */
export interface AmountFigure extends CountFigure {
  amount: string | null;
}

/** A rate between two record sets, both with their filters. */
export interface RateFigure {
  /** part / whole, null when whole is 0. */
  rate: number | null;
  part: CountFigure;
  whole: CountFigure;
}

/** A value of a dimension (a select option, an owner, an org unit, …) and how to show it. */
export interface DimensionValue {
  value: string | boolean | null;
  label: Label | string | null;
}

export interface StageRef {
  stage: string;
  label: Label;
  type: 'open' | 'won' | 'lost';
}
