import type { FilterNode } from '../records/list-query.parse';
import type { AnalyticsPipeline } from './analytics-pipeline';
import { allOf, anyOf, NO_RECORDS, oneOf } from './drill-down.filter';
import { stageDerivedKeys } from './stage-derived.fields';

/**
 * How far a record got, as a position among the open stages: 1..n for the open stage it
 * is in (or, when lost, the stage it was lost from), n+1 when won, 0 when that is not
 * known (a stage no longer in the pipeline). A record "reached" stage i when its reach is
 * at least i: the funnel counts records at a stage or past it, so a record that skipped a
 * stage still went through it. It reads the current stay only: a record moved back to an
 * earlier stage counts from where it is now.
 */
export function stageReach(p: AnalyticsPipeline, stage: string | null, fromStage: string | null): number {
  if (stage === null) return 0;
  if (p.won.includes(stage)) return p.open.length + 1;
  const at = p.lost.includes(stage) ? fromStage : stage;
  return at === null ? 0 : p.open.indexOf(at) + 1;
}

/** Position of an open or won stage (1..n, n+1 for any won stage); 0 for others. */
export function stagePosition(p: AnalyticsPipeline, key: string): number {
  if (p.won.includes(key)) return p.open.length + 1;
  return p.open.indexOf(key) + 1;
}

/** Records lost from `stage` (or, without a stage, lost at all). */
export function lostFromFilter(p: AnalyticsPipeline, stage?: string): FilterNode {
  return allOf(oneOf(p.stageField, p.lost), stage === undefined ? undefined : oneOf(stageDerivedKeys(p.stageField).from, [stage])) as FilterNode;
}

/** Records whose reach is at least `position` (see stageReach); position 1 is the first open stage. */
export function reachedFilter(p: AnalyticsPipeline, position: number): FilterNode {
  if (position > p.open.length + 1) return NO_RECORDS;
  const laterOpen = p.open.slice(Math.max(0, position - 1));
  const current = oneOf(p.stageField, [...laterOpen, ...p.won]);
  if (laterOpen.length === 0 || p.lost.length === 0) return current;
  const lostLater = allOf(oneOf(p.stageField, p.lost), oneOf(stageDerivedKeys(p.stageField).from, laterOpen)) as FilterNode;
  return anyOf(current, lostLater);
}
