import type { CompareOperator, Field, Label, ObjectDefinition } from '@tessera/metadata';
import { SYSTEM_FIELDS } from '../records/list-query.parse';

/** A label with the same text in both languages (keys, values without a label). */
export const plain = (text: string): Label => ({ 'zh-CN': text, en: text });

export function fieldOf(object: ObjectDefinition, key: string): Field | undefined {
  return object.fields.find((f) => f.key === key) ?? SYSTEM_FIELDS.find((f) => f.key === key);
}

export function fieldLabel(object: ObjectDefinition, key: string): Label {
  return fieldOf(object, key)?.label ?? plain(key);
}

/** A value as a person reads it: option labels for selects, lists joined. */
export function valueLabel(field: Field | undefined, value: unknown): Label {
  if (Array.isArray(value)) {
    const parts = value.map((v) => valueLabel(field, v));
    return { 'zh-CN': parts.map((p) => p['zh-CN']).join('、'), en: parts.map((p) => p.en).join(', ') };
  }
  if (field && (field.type === 'select' || field.type === 'multiselect')) {
    const option = field.options.find((o) => o.value === value);
    if (option) return option.label;
  }
  return plain(value === null || value === undefined ? '' : String(value));
}

const OPERATOR_WORDS: Record<CompareOperator, Label> = {
  eq: { 'zh-CN': '等于', en: 'be' },
  ne: { 'zh-CN': '不等于', en: 'not be' },
  lt: { 'zh-CN': '小于', en: 'be less than' },
  lte: { 'zh-CN': '不大于', en: 'be at most' },
  gt: { 'zh-CN': '大于', en: 'be more than' },
  gte: { 'zh-CN': '不小于', en: 'be at least' },
  in: { 'zh-CN': '为以下之一：', en: 'be one of' },
  nin: { 'zh-CN': '不为以下任一：', en: 'be none of' },
  contains: { 'zh-CN': '包含', en: 'contain' },
  isEmpty: { 'zh-CN': '为空', en: 'be empty' },
  notEmpty: { 'zh-CN': '不为空', en: 'be filled' },
};

export function compareMessage(object: ObjectDefinition, fieldKey: string, op: CompareOperator, value: unknown): Label {
  const name = fieldLabel(object, fieldKey);
  const words = OPERATOR_WORDS[op];
  const shown = op === 'isEmpty' || op === 'notEmpty' ? undefined : valueLabel(fieldOf(object, fieldKey), value);
  return {
    'zh-CN': `「${name['zh-CN']}」须${words['zh-CN']}${shown ? ` ${shown['zh-CN']}` : ''}`,
    en: `${name.en} must ${words.en}${shown ? ` ${shown.en}` : ''}`,
  };
}
