import type { Label } from '@tessera/metadata';
import type { UnmetCondition } from '../api/problem';

export interface StageMoveView {
  to: string;
  label: Label;
  kind: string;
  allowed: boolean;
  unmet: UnmetCondition[];
  requires: { reason: boolean; reasons: Array<{ value: string; label: Label }>; comment: boolean };
}

/** GET /api/objects/:object/records/:id/pipeline */
export interface RecordPipelineView {
  pipeline: { key: string; label: Label };
  stage: { key: string; label: Label; type: 'open' | 'won' | 'lost'; probability: number } | null;
  overdue: boolean;
  dueAt: string | null;
  /** Every stay, oldest first: how it began (`move`: create, next, back, won…), by whom, with reason and comment. */
  history: Array<{ stage: string; from: string | null; move: string; enteredAt: string; enteredBy: string | null; enteredByName: string | null; exitedAt: string | null; reason: string | null; comment: string | null; overdueAt: string | null }>;
  checklist: Array<{ key: string; label: Label; done: boolean }>;
  canMove: boolean;
  moves: StageMoveView[];
}

/** What a blocked move reported: gate conditions and request problems, each with its message. */
export interface BlockedMove {
  to: string;
  unmet: UnmetCondition[];
  problems: Array<{ path: string; message: string }>;
}
