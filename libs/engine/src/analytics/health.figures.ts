import type { Label } from '@tessera/metadata';
import type { FilterNode } from '../records/list-query.parse';
import type { AnalyticsPipeline } from './analytics-pipeline';
import type { CountFigure } from './analytics-result';
import { drill, inRange, oneOf } from './drill-down.filter';
import type { Period } from './period.presets';
import { ratio, shortening } from './ratio';
import { stageDerivedKeys } from './stage-derived.fields';

export interface FollowUpRow {
  leads: number;
  followedUp: number;
  avgSeconds: number | null;
  medianSeconds: number | null;
}

export interface ActionsRow {
  stage: string;
  due: number;
  onTime: number;
}

export interface ApprovalResponseRow {
  flow: string;
  step: string;
  responses: number;
  avgSeconds: number | null;
  medianSeconds: number | null;
}

export interface CycleRow {
  currentWon: number;
  currentAvgSeconds: number | null;
  baselineWon: number;
  baselineAvgSeconds: number | null;
}

export interface HealthResult {
  query: 'health';
  object: string;
  pipeline: string;
  period: { from: string; to: string };
  baseline: { from: string; to: string };
  /** New records of the period and how long until their first follow-up. */
  firstFollowUp: {
    /** `stage`: the first stage move; else `<object>.<relation>`: the first related record. */
    by: string;
    leads: CountFigure;
    followedUp: number;
    avgSeconds: number | null;
    medianSeconds: number | null;
  };
  /** Checklist items due in the period (stage timeout, or leaving the stage) and the share done by then. */
  actionsOnTime: {
    due: number;
    onTime: number;
    share: number | null;
    stages: Array<{ stage: string; label: Label; due: number; onTime: number; share: number | null }>;
  };
  /** Approver decisions made in the period, per flow and step. */
  approvalResponse: Array<ApprovalResponseRow & { flowLabel: Label | null; stepLabel: Label | null }>;
  /** Average time from creation to won, records won in the period against the baseline; shortening = (old − new) / old. */
  salesCycle: {
    current: CountFigure & { avgSeconds: number | null };
    baseline: CountFigure & { avgSeconds: number | null };
    shortening: number | null;
  };
  where: FilterNode | null;
}

export interface HealthInput {
  period: Period;
  baseline: Period;
  followUpBy: string;
  followUp: FollowUpRow;
  /** The filter of the period's new records (base and date field in the period). */
  leadsFilter: FilterNode;
  actions: readonly ActionsRow[];
  approvals: readonly ApprovalResponseRow[];
  labels: { flow(key: string): Label | null; step(flow: string, step: string): Label | null };
  cycle: CycleRow;
}

/** The process-health report: follow-up speed, actions on time, approval response, sales-cycle shortening. */
export function healthFigures(p: AnalyticsPipeline, input: HealthInput, base: FilterNode | undefined): HealthResult {
  const iso = (d: Date) => d.toISOString();
  const won = (period: Period) => drill(base, oneOf(p.stageField, p.won), inRange(stageDerivedKeys(p.stageField).enteredAt, iso(period.from), iso(period.to)));
  const due = input.actions.reduce((n, a) => n + a.due, 0);
  const onTime = input.actions.reduce((n, a) => n + a.onTime, 0);
  return {
    query: 'health',
    object: p.object,
    pipeline: p.key,
    period: { from: iso(input.period.from), to: iso(input.period.to) },
    baseline: { from: iso(input.baseline.from), to: iso(input.baseline.to) },
    firstFollowUp: {
      by: input.followUpBy,
      leads: { count: input.followUp.leads, filter: input.leadsFilter },
      followedUp: input.followUp.followedUp,
      avgSeconds: input.followUp.avgSeconds,
      medianSeconds: input.followUp.medianSeconds,
    },
    actionsOnTime: {
      due,
      onTime,
      share: ratio(onTime, due),
      stages: p.stages
        .filter((s) => s.checklist.length > 0)
        .map((s) => {
          const row = input.actions.find((a) => a.stage === s.key);
          return { stage: s.key, label: s.label, due: row?.due ?? 0, onTime: row?.onTime ?? 0, share: ratio(row?.onTime, row?.due) };
        }),
    },
    approvalResponse: input.approvals.map((a) => ({ ...a, flowLabel: input.labels.flow(a.flow), stepLabel: input.labels.step(a.flow, a.step) })),
    salesCycle: {
      current: { count: input.cycle.currentWon, filter: won(input.period), avgSeconds: input.cycle.currentAvgSeconds },
      baseline: { count: input.cycle.baselineWon, filter: won(input.baseline), avgSeconds: input.cycle.baselineAvgSeconds },
      shortening: shortening(input.cycle.baselineAvgSeconds, input.cycle.currentAvgSeconds),
    },
    where: base ?? null,
  };
}
