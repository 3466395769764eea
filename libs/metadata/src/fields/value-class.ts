import type { Field } from '../metadata.generated';

/**
 * What kind of value a field holds, as far as references to it care: which
 * operators compare it, which widgets edit it, whether it can be summed, who it names.
 */
export type ValueClass =
  | 'text' | 'number' | 'date' | 'datetime' | 'boolean'
  | 'choice' | 'choices' | 'user' | 'record' | 'file' | 'geo'
  | 'id' | 'orgUnit';

type ClassOf<F extends Field> = ValueClass | ((field: F, childClass: (objectKey: string, fieldKey: string) => ValueClass | undefined) => ValueClass);

const FORMULA_RESULT_CLASSES: Record<Extract<Field, { type: 'formula' }>['resultType'], ValueClass> = {
  text: 'text',
  number: 'number',
  currency: 'number',
  percent: 'number',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
};

/** The value class of every field type; formulas and rollups depend on their definition. */
export const FIELD_VALUE_CLASSES: { readonly [T in Field['type']]: ClassOf<Extract<Field, { type: T }>> } = {
  text: 'text',
  longtext: 'text',
  email: 'text',
  phone: 'text',
  autonumber: 'text',
  number: 'number',
  currency: 'number',
  percent: 'number',
  date: 'date',
  datetime: 'datetime',
  boolean: 'boolean',
  select: 'choice',
  multiselect: 'choices',
  user: 'user',
  relation: 'record',
  attachment: 'file',
  geopoint: 'geo',
  formula: (f) => FORMULA_RESULT_CLASSES[f.resultType],
  // count and sum are numbers; min and max keep the class of the child field (a date stays a date).
  rollup: (f, childClass) => (f.aggregate === 'count' || f.aggregate === 'sum' || !f.field ? 'number' : (childClass(f.object, f.field) ?? 'number')),
};

/** Field types whose value is computed, never written by users or actions. */
export const COMPUTED_FIELD_TYPES: ReadonlySet<Field['type']> = new Set(['formula', 'rollup', 'autonumber']);
