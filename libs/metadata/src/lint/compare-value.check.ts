import commonSchema from '@tessera/schemas/common.schema.json';
import type { CompareOperator } from '../metadata.generated';
import type { ResolvedField } from '../fields/field.resolve';
import type { ValueClass } from '../fields/value-class';

const ORDERED: readonly ValueClass[] = ['number', 'date', 'datetime', 'text'];
const CONTAINS: readonly ValueClass[] = ['text', 'choices'];
/** The decimal-string pattern of the schema (common.schema.json#/$defs/decimal), so both agree. */
const DECIMAL = new RegExp((commonSchema.$defs.decimal.anyOf.find((s) => 'pattern' in s) as { pattern: string }).pattern);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Why one value cannot be compared with the field, or undefined when it can. */
function scalarProblem(field: ResolvedField, value: unknown): string | undefined {
  const options = field.options;
  switch (field.valueClass) {
    case 'number':
      return typeof value === 'number' || (typeof value === 'string' && DECIMAL.test(value)) ? undefined : 'a number or a decimal string';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'true or false';
    case 'date':
      return typeof value === 'string' && DATE.test(value) ? undefined : 'a date (YYYY-MM-DD)';
    case 'datetime':
      return typeof value === 'string' && DATETIME.test(value) ? undefined : 'an ISO 8601 date-time with a zone';
    case 'choice':
    case 'choices':
      return typeof value === 'string' && (!options || options.includes(value)) ? undefined : `one of ${(options ?? []).join(', ')}`;
    default:
      return typeof value === 'string' ? undefined : 'a string';
  }
}

/**
 * Checks that an operator suits the field and that the value has the right shape:
 * a list for in/nin, nothing for isEmpty/notEmpty, a value of the field's class otherwise.
 * Returns a message, or undefined when the comparison is sound.
 */
export function compareProblem(field: ResolvedField, op: CompareOperator, value: unknown): string | undefined {
  if (op === 'isEmpty' || op === 'notEmpty') return value === undefined ? undefined : `${op} takes no value`;
  if (value === undefined) return `${op} needs a value`;
  if ((op === 'eq' || op === 'ne') && field.valueClass === 'choices') return `${op} does not apply to a multiselect field; use contains, in or nin`;
  if ((op === 'lt' || op === 'lte' || op === 'gt' || op === 'gte') && !ORDERED.includes(field.valueClass)) return `${op} cannot order a ${field.valueClass} field`;
  if (op === 'contains') {
    if (!CONTAINS.includes(field.valueClass)) return `contains needs a text or multiselect field, not a ${field.valueClass} field`;
    const problem = field.valueClass === 'choices' ? scalarProblem(field, value) : typeof value === 'string' ? undefined : 'a string';
    return problem && `the value must be ${problem}`;
  }
  if (op === 'in' || op === 'nin') {
    if (!Array.isArray(value) || value.length === 0) return `${op} needs a non-empty list of values`;
    const bad = value.map((v) => [v, scalarProblem(field, v)] as const).find(([, p]) => p);
    return bad && `${JSON.stringify(bad[0])} in the list must be ${bad[1]}`;
  }
  const problem = scalarProblem(field, value);
  return problem && `the value must be ${problem}`;
}
