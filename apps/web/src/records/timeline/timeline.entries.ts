import type { Label, ObjectDefinition, PipelineDefinition } from '@tessera/metadata';
import type { RecordApprovals } from '../../approvals/approval.types';
import type { Language } from '../../i18n/languages';
import { labelIn } from '../../i18n/label';
import type { RecordPipelineView } from '../../pipelines/pipeline.types';
import { displayValue } from '../field-display';

/** GET …/records/:id/history: one row per write, with the changed fields. */
export interface HistoryItem {
  id: string;
  version: number;
  action: string;
  changes: Array<{ field: string; old?: unknown; new?: unknown }>;
  actorId: string | null;
  actorName: string | null;
  at: string;
  note?: Record<string, unknown> | null;
}

/** GET …/records/:id/comments */
export interface RecordCommentItem {
  id: string;
  body: string;
  author: { id: string; name: string | null };
  createdAt: string;
  mine: boolean;
}

export type TimelineKind = 'comment' | 'field' | 'stage' | 'approval';

export interface TimelineEntry {
  key: string;
  kind: TimelineKind;
  at: string;
  actorId: string | null;
  actorName?: string | null;
  /** What happened, in the UI language (a translation key and its values, or text). */
  what: { key: string; values?: Record<string, string> };
  /** Field changes: label, before, after. */
  changes?: Array<{ label: string; from: string; to: string }>;
  comment?: string | null;
  /** A comment of the record: its id (the author may delete it). */
  commentId?: string;
  mine?: boolean;
}

/**
 * One timeline out of the record's field history, its stage history and its approval
 * timeline, newest first. Stage changes show once, as stage moves (with reason and
 * comment), not again as a change of the stage field.
 */
export function timelineEntries(input: {
  object: ObjectDefinition;
  pipeline?: PipelineDefinition;
  history: HistoryItem[];
  stages?: RecordPipelineView['history'];
  approvals?: RecordApprovals;
  comments?: RecordCommentItem[];
  hidden: string[];
  language: Language;
}): TimelineEntry[] {
  const { object, pipeline, language } = input;
  const out: TimelineEntry[] = [];
  const stageLabel = (key: string | null | undefined): string => labelIn(pipeline?.stages.find((s) => s.key === key)?.label as Label | undefined, language) || (key ?? '');
  for (const h of input.history) {
    const fields = h.changes.filter((c) => c.field !== pipeline?.stageField && !input.hidden.includes(c.field));
    const changes = fields.flatMap((c) => {
      const field = object.fields.find((f) => f.key === c.field);
      if (!field) return [];
      return [{ label: labelIn(field.label, language), from: displayValue(field, c.old, language), to: displayValue(field, c.new, language) }];
    });
    if (h.action === 'update' && changes.length === 0) continue;
    out.push({ key: `h-${h.id}`, kind: 'field', at: h.at, actorId: h.actorId, actorName: h.actorName, what: { key: `timeline.action.${h.action}` }, ...(h.action === 'update' && { changes }) });
  }
  for (const [i, s] of (input.stages ?? []).entries()) {
    if (s.move === 'create') continue;
    const reason = s.reason ? labelIn(pipeline?.stages.find((x) => x.key === s.stage)?.reasons?.find((r) => r.value === s.reason)?.label, language) || s.reason : null;
    out.push({ key: `s-${i}-${s.enteredAt}`, kind: 'stage', at: s.enteredAt, actorId: s.enteredBy, actorName: s.enteredByName, what: { key: 'timeline.stageEntered', values: { stage: stageLabel(s.stage) } }, comment: [reason, s.comment].filter(Boolean).join(' · ') || null });
  }
  for (const [i, e] of (input.approvals?.timeline ?? []).entries()) {
    const instance = input.approvals?.instances.find((x) => x.id === e.instanceId);
    out.push({
      key: `a-${i}-${e.at}`,
      kind: 'approval',
      at: e.at,
      actorId: e.actor?.id ?? null,
      actorName: e.actor?.name,
      what: { key: 'timeline.approval', values: { flow: labelIn(instance?.flowLabel, language), event: e.type, step: labelIn(e.stepLabel ?? undefined, language) } },
      comment: e.comment,
    });
  }
  for (const c of input.comments ?? []) {
    out.push({ key: `c-${c.id}`, kind: 'comment', at: c.createdAt, actorId: c.author.id, actorName: c.author.name, what: { key: 'timeline.commented' }, comment: c.body, commentId: c.id, mine: c.mine });
  }
  return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
