import type { OrgMatrix, MatrixUser } from '../support/org-matrix';
import { current, OPEN, PROBABILITY, stageOf, TIMEOUT_MS, CHECKLIST, type DataSet, type Opp } from './analytics.fixture';

/**
 * The expected figures, computed from the generated objects in plain TypeScript: the
 * definitions restated (reach = the open stage a record is in, or was lost from; won is
 * past every open stage), never the engine's or the server's code.
 */

const EAST_UNITS = ['east', 'east_shanghai', 'east_hangzhou'];

/** The records a matrix user may read: reps their own, the east manager east and below, the rest all. */
export function visibleTo(data: DataSet, matrix: OrgMatrix, viewer: MatrixUser): Opp[] {
  const live = data.opps.filter((o) => !o.deleted);
  if (viewer === 'rep_east' || viewer === 'rep_south') return live.filter((o) => o.ownerId === matrix.users[viewer].id);
  if (viewer === 'manager_east') return live.filter((o) => o.ownerId === matrix.users.manager_east.id || EAST_UNITS.includes(o.unit));
  return live;
}

export const money = (c: number) => `${c < 0 ? '-' : ''}${Math.floor(Math.abs(c) / 100)}.${String(Math.abs(c) % 100).padStart(2, '0')}`;
export const sumCents = (os: Opp[]) => os.reduce((s, o) => s + (o.amountCents ?? 0), 0);
export const rate = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/** 1..4 for the open stage, 5 when won, the stage lost from when lost. */
export function reach(o: Opp): number {
  const s = stageOf(o);
  if (s === 'won') return OPEN.length + 1;
  const at = s === 'lost' ? current(o).from : s;
  return OPEN.indexOf(at as (typeof OPEN)[number]) + 1;
}

export const reached = (os: Opp[], position: number) => os.filter((o) => reach(o) >= position).length;

/** PostgreSQL's percentile_cont: linear interpolation between the sorted values. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

export const mean = (values: number[]) => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);

export const isOverdue = (o: Opp, asOf: number) => {
  const v = current(o);
  const t = TIMEOUT_MS[v.stage];
  return t !== undefined && v.enteredAt.getTime() <= asOf - t;
};

/** Σ amount × probability, in hundredths of a cent, rounded half up to cents. */
export function weighted(os: Opp[]): string {
  const units = os.reduce((s, o) => s + (o.amountCents ?? 0) * PROBABILITY[stageOf(o)], 0);
  return money(Math.floor((units + 50) / 100));
}

/** Checklist items due in [from, to): the first stay in the stage plus its timeout; on time when ticked by then. */
export function actionsDue(os: Opp[], from: number, to: number): { due: number; onTime: number } {
  let due = 0;
  let onTime = 0;
  for (const o of os) {
    for (const [stage, item] of Object.entries(CHECKLIST)) {
      const first = o.visits.find((v) => v.stage === stage);
      if (!first) continue;
      const deadline = first.enteredAt.getTime() + TIMEOUT_MS[stage];
      if (deadline < from || deadline >= to) continue;
      due += 1;
      const done = o.checklist.get(item);
      if (done && done.getTime() <= deadline) onTime += 1;
    }
  }
  return { due, onTime };
}
