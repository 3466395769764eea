import { CONDITION_KINDS } from '@tessera/engine';
import type { Condition, MetadataDocument, ObjectDefinition } from '@tessera/metadata';
import { documentsOf, fieldsOf } from '../designer-fields';

/** What a condition may refer to where it is edited. */
export interface ConditionScope {
  /** The object whose records the condition reads (the draft's version of it). */
  object: ObjectDefinition | undefined;
  /** The whole draft: approval flows, related objects. */
  documents: readonly MetadataDocument[];
  /** Checklist items of the pipeline, when the condition sits in one. */
  checklist?: ReadonlyArray<{ key: string; label: ObjectDefinition['label'] }>;
  /** A record to evaluate expressions against in the expression editor. */
  sample?: Record<string, unknown>;
}

type Kind = Condition['kind'];

/** Objects with a relation field that points at `object`: what a related condition can count. */
export function referencingObjects(scope: ConditionScope): Array<{ object: ObjectDefinition; via: string[] }> {
  const target = scope.object?.key;
  return documentsOf(scope.documents, 'object')
    .filter((o) => !o.retired)
    .map((object) => ({ object, via: object.fields.filter((f) => f.type === 'relation' && f.target === target && !f.retired).map((f) => f.key) }))
    .filter((r) => r.via.length > 0);
}

export const attachmentFields = (scope: ConditionScope) => fieldsOf(scope.object, ['attachment']).filter((f): f is Extract<typeof f, { type: 'attachment' }> => f.type === 'attachment');

/**
 * A fresh condition of each kind the engine knows, filled with the first thing it could
 * refer to. Keyed like the engine's registry (CONDITION_KINDS), so a kind added there
 * without a default here fails the type check.
 */
export const CONDITION_DEFAULTS: { [K in Kind]: (scope: ConditionScope) => Extract<Condition, { kind: K }> } = {
  filled: (s) => ({ kind: 'filled', field: fieldsOf(s.object)[0]?.key ?? 'owner_id' }),
  compare: (s) => ({ kind: 'compare', field: fieldsOf(s.object)[0]?.key ?? 'owner_id', op: 'notEmpty' }),
  attachment: (s) => {
    const field = attachmentFields(s)[0];
    return { kind: 'attachment', ...(field && { field: field.key }), category: field?.categories?.[0]?.key ?? 'other' };
  },
  approval: (s) => ({ kind: 'approval', flow: documentsOf(s.documents, 'approvalFlow').find((f) => f.object === s.object?.key)?.key ?? 'approval' }),
  checklist: (s) => ({ kind: 'checklist', item: s.checklist?.[0]?.key ?? 'item' }),
  related: (s) => {
    const first = referencingObjects(s)[0];
    return { kind: 'related', object: first?.object.key ?? 'object', via: first?.via[0] ?? 'relation' };
  },
  expression: () => ({ kind: 'expression', expression: 'true', message: { 'zh-CN': '条件不满足', en: 'Condition not met' } }),
  all: (s) => ({ kind: 'all', conditions: [CONDITION_DEFAULTS.filled(s)] }),
  any: (s) => ({ kind: 'any', conditions: [CONDITION_DEFAULTS.filled(s)] }),
};

/** The kinds offered in the picker: the engine's registry, in its order. */
export const conditionKinds = (scope: ConditionScope): Kind[] =>
  (Object.keys(CONDITION_KINDS) as Kind[]).filter((k) => k !== 'checklist' || (scope.checklist?.length ?? 0) > 0);
