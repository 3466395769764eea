import { api } from '../api/http';
import { ApiError } from '../api/problem';
import type { Language } from '../i18n/languages';
import type { BlockedMove, RecordPipelineView } from './pipeline.types';

export type MoveResult = { ok: true; view: RecordPipelineView } | { ok: false; blocked: BlockedMove };

/** Asks the server to move a record; a gate refusal comes back as the list of what is in the way. */
export async function moveStage(object: string, recordId: string, body: { stage: string; reason?: string; comment?: string }, language: Language): Promise<MoveResult> {
  try {
    const view = await api<RecordPipelineView>(`/api/objects/${object}/records/${recordId}/stage`, { body });
    return { ok: true, view };
  } catch (error) {
    if (!(error instanceof ApiError) || (error.status !== 422 && error.status !== 409 && error.status !== 423)) throw error;
    const p = error.problem;
    const problems = p.problems?.map((x) => ({ path: x.path, message: x.message[language] ?? x.message['zh-CN'] })) ?? (p.unmet ? [] : (p.errors ?? [{ path: '', message: error.message }]));
    return { ok: false, blocked: { to: body.stage, unmet: p.unmet ?? [], problems } };
  }
}
