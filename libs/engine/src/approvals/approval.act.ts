import type { ApprovalFlowDefinition } from '@tessera/metadata';
import type { ApprovalAction, ApprovalActionKind } from './approval-action';
import { APPROVAL_ACTIONS } from './approval-action.registry';
import type { ApprovalClock, ApprovalResult, ApprovalState } from './approval-state';
import { closeDraft, openDraft, problem } from './approval.draft';

/**
 * One action on an approval instance: the next state, the timeline entries and the
 * effects, or the problems that refuse it (then nothing changes). `flow` must be the
 * version the instance is pinned to. Pure: the clock and ids come in through `clock`.
 */
export function actOnApproval(flow: ApprovalFlowDefinition, state: ApprovalState, action: ApprovalAction, clock: ApprovalClock): ApprovalResult {
  const kind = (APPROVAL_ACTIONS as Record<string, ApprovalActionKind | undefined>)[action.kind];
  if (!kind) return { ok: false, problems: problem('invalid', 'action.unknown', '/kind', `unknown approval action ${JSON.stringify(action.kind)}`) };
  if (flow.key !== state.flow) throw new Error(`approval of flow ${state.flow} run against flow ${flow.key}`);
  const draft = openDraft(flow, state, clock);
  const problems = kind.apply(draft, action);
  return problems?.length ? { ok: false, problems } : closeDraft(draft);
}
