import type { PipelineDefinition } from '@tessera/metadata';
import type { FilterNode } from '../records/list-query.parse';

const ISO_DURATION = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * `at` minus an ISO 8601 duration on the UTC calendar, as PostgreSQL's `timestamptz -
 * interval` does (the stage timers' arithmetic): years and months first, the day clamped
 * to the month's last (31 March minus P1M is 29 February 2024), then weeks, days and
 * time. Undefined for a malformed duration.
 */
export function minusDuration(at: Date, duration: string): Date | undefined {
  const m = ISO_DURATION.exec(duration);
  if (!m) return undefined;
  const [y, mo, w, d, h, mi] = m.slice(1, 7).map((x) => Number(x ?? 0));
  const s = Number(m[7] ?? 0);
  const t = new Date(at.getTime());
  if (y || mo) {
    // Calendar part first, clamped to the target month's length (PostgreSQL's rule).
    const day = t.getUTCDate();
    t.setUTCDate(1);
    t.setUTCMonth(t.getUTCMonth() - (y * 12 + mo));
    const last = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
    t.setUTCDate(Math.min(day, last));
  }
  if (w || d) t.setUTCDate(t.getUTCDate() - (w * 7 + d));
  return new Date(t.getTime() - Math.round(((h * 60 + mi) * 60 + s) * 1000));
}

/**
 * The record-list filter of records over their current stage's timeout at `now`: for
 * every open stage with a timeout, "in that stage and entered it at or before now minus
 * the timeout", any of them. `<stageField>.entered_at` is the stage-history fact the
 * list accepts on objects with a pipeline. Undefined when no stage has a timeout.
 */
export function overdueRecordsFilter(pipeline: Pick<PipelineDefinition, 'stageField' | 'stages'>, now: Date): FilterNode | undefined {
  const branches: FilterNode[] = [];
  for (const stage of pipeline.stages) {
    if ((stage.type ?? 'open') !== 'open' || !stage.timeout) continue;
    const threshold = minusDuration(now, stage.timeout.after);
    if (!threshold) continue;
    branches.push({
      and: [
        { field: pipeline.stageField, op: 'eq', value: stage.key },
        { field: `${pipeline.stageField}.entered_at`, op: 'lte', value: threshold.toISOString() },
      ],
    });
  }
  if (branches.length === 0) return undefined;
  return branches.length === 1 ? branches[0] : { or: branches };
}
