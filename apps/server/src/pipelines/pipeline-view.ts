import type { StageMoveKind, UnmetCondition } from '@tessera/engine';
import type { Label, Stage } from '@tessera/metadata';
import type { ChecklistEvidence } from './checklist-state.repository';

/** A stage as analytics and the path bar see it. */
export interface StageSummary {
  key: string;
  label: Label;
  type: 'open' | 'won' | 'lost';
  probability: number;
  forecastCategory: Stage['forecastCategory'];
  color?: string;
}

export interface ChecklistItemView {
  key: string;
  label: Label;
  done: boolean;
  doneAt: string | null;
  doneBy: string | null;
  evidence: ChecklistEvidence | null;
}

export interface StageMoveView {
  to: string;
  label: Label;
  kind: StageMoveKind;
  /** The gate's conditions hold now (what the request must carry is in `requires`). */
  allowed: boolean;
  unmet: UnmetCondition[];
  requires: { reason: boolean; reasons: Array<{ value: string; label: Label }>; comment: boolean };
}

export interface StageVisitView {
  stage: string;
  from: string | null;
  move: string;
  enteredAt: string;
  enteredBy: string | null;
  /** Display name of who moved it there (null: the system or an import). */
  enteredByName: string | null;
  exitedAt: string | null;
  exitedBy: string | null;
  ms: number;
  reason: string | null;
  comment: string | null;
  overdueAt: string | null;
}

/** GET /api/objects/:object/records/:id/pipeline */
export interface RecordPipelineView {
  pipeline: { key: string; label: Label };
  stage: StageSummary | null;
  enteredAt: string | null;
  /** Milliseconds in the current stage. */
  timeInStage: number;
  /** The current stay went past its timeout; clears when the record leaves the stage. */
  overdue: boolean;
  overdueSince: string | null;
  /** When the current stage times out (null: no timeout, or already overdue). */
  dueAt: string | null;
  dwell: Array<{ stage: string; ms: number; visits: number }>;
  history: StageVisitView[];
  /** The current stage's checklist. */
  checklist: ChecklistItemView[];
  /** The caller may move this record (moveStage right over it). */
  canMove: boolean;
  moves: StageMoveView[];
}
