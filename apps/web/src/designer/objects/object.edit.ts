import type { Field, ObjectDefinition } from '@tessera/metadata';
import { freeKey } from './field-key';

/**
 * A field's key changed in its object, with the references inside the object that
 * name it (title field, duplicate rules, rule fields). References from other documents
 * are left to the lint, whose problems point at them.
 */
export function renameField(object: ObjectDefinition, from: string, to: string): ObjectDefinition {
  const swap = (key: string) => (key === from ? to : key);
  return {
    ...object,
    fields: object.fields.map((f) => (f.key === from ? ({ ...f, key: to } as Field) : f)),
    ...(object.titleField !== undefined && { titleField: swap(object.titleField) }),
    ...(object.duplicateRules && { duplicateRules: object.duplicateRules.map((r) => ({ ...r, fields: r.fields.map(swap) })) }),
    ...(object.rules && { rules: object.rules.map((r) => (r.field === undefined ? r : { ...r, field: swap(r.field) })) }),
  };
}

/** A new object with one required name field, which names its records. */
export function newObject(key: string, label: ObjectDefinition['label']): ObjectDefinition {
  return {
    kind: 'object',
    key,
    label,
    titleField: 'name',
    fields: [{ key: 'name', type: 'text', label: { 'zh-CN': '名称', en: 'Name' }, required: true }],
  };
}

type Rule = NonNullable<ObjectDefinition['rules']>[number];
type DuplicateRule = NonNullable<ObjectDefinition['duplicateRules']>[number];

/** A new validation rule that holds for every record until its expression is written. */
export function newRule(object: ObjectDefinition): Rule {
  return { key: freeKey('rule', (object.rules ?? []).map((r) => r.key)), expression: 'true', severity: 'error', message: { 'zh-CN': '请检查输入', en: 'Check the values' } };
}

/** A new duplicate rule on the object's title field (or its first field). */
export function newDuplicateRule(object: ObjectDefinition): DuplicateRule {
  return { key: freeKey('duplicate', (object.duplicateRules ?? []).map((r) => r.key)), fields: [object.titleField ?? object.fields[0].key], normalize: 'lowercase' };
}
