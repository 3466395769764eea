/** One stay of a record in a stage, from the stage history. */
export interface StageVisit {
  stage: string;
  enteredAt: string | Date;
  /** Null while the record is still there. */
  exitedAt: string | Date | null;
}

export interface StageDwellTotal {
  stage: string;
  /** Milliseconds spent in the stage over every visit (the open one counted up to `now`). */
  ms: number;
  visits: number;
}

export interface StageDwell {
  /** The open visit, if any, and how long it has lasted. */
  current: { stage: string; enteredAt: string; ms: number } | null;
  /** Totals per stage, in `order` when given (stages never visited show 0), else by first visit. */
  perStage: StageDwellTotal[];
}

const time = (t: string | Date) => (t instanceof Date ? t.getTime() : Date.parse(t));
const iso = (t: string | Date) => (t instanceof Date ? t.toISOString() : new Date(t).toISOString());

/**
 * Time in the current stage and per stage, from the stage history. A clock that went
 * backwards (an exit before its entry) counts as zero, never negative.
 */
export function stageDwell(visits: readonly StageVisit[], now: Date, order?: readonly string[]): StageDwell {
  const totals = new Map<string, StageDwellTotal>();
  for (const key of order ?? []) totals.set(key, { stage: key, ms: 0, visits: 0 });
  let current: StageDwell['current'] = null;
  for (const v of visits) {
    const end = v.exitedAt === null ? now.getTime() : time(v.exitedAt);
    const ms = Math.max(0, end - time(v.enteredAt));
    const total = totals.get(v.stage) ?? { stage: v.stage, ms: 0, visits: 0 };
    total.ms += ms;
    total.visits += 1;
    totals.set(v.stage, total);
    if (v.exitedAt === null && (current === null || time(v.enteredAt) >= Date.parse(current.enteredAt))) current = { stage: v.stage, enteredAt: iso(v.enteredAt), ms };
  }
  return { current, perStage: [...totals.values()] };
}
