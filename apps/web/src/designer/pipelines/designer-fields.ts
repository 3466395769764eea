import { SYSTEM_FIELDS } from '@tessera/engine';
import type { Field, Label, MetadataDocument, ObjectDefinition } from '@tessera/metadata';

/** Every field a condition or action may name: the object's live fields, then the system fields. */
export function fieldsOf(object: ObjectDefinition | undefined, types?: readonly Field['type'][]): Field[] {
  const all = [...(object?.fields.filter((f) => !f.retired) ?? []), ...SYSTEM_FIELDS.filter((f) => f.key !== 'id')];
  return types ? all.filter((f) => types.includes(f.type)) : all;
}

/** `{ value, label }` options of fields, labelled in the UI language. */
export function fieldOptions(object: ObjectDefinition | undefined, label: (l: Label | undefined) => string, types?: readonly Field['type'][]) {
  return fieldsOf(object, types).map((f) => ({ value: f.key, label: `${label(f.label)} (${f.key})` }));
}

/** The documents of one kind in the draft. */
export function documentsOf<K extends MetadataDocument['kind']>(documents: readonly MetadataDocument[], kind: K): Array<Extract<MetadataDocument, { kind: K }>> {
  return documents.filter((d): d is Extract<MetadataDocument, { kind: K }> => d.kind === kind);
}

/** Fields as the expression editor completes them. */
export function expressionFields(object: ObjectDefinition | undefined, label: (l: Label | undefined) => string) {
  return fieldsOf(object).map((f) => ({ key: f.key, label: label(f.label) }));
}

/** `value` without the keys whose value is undefined (the schemas refuse nothing, but drafts stay tidy). */
export function tidy<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
