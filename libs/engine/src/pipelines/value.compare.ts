import type { CompareOperator, Field } from '@tessera/metadata';

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * How values of a field are ordered: numbers and money as exact decimals, dates and
 * datetimes as instants, everything else as text (a phone "0101" is not "101").
 * `auto` guesses from the values, for callers that know no field.
 */
export type ValueOrder = 'number' | 'instant' | 'text' | 'auto';

export function valueOrderOf(field: Field | undefined): ValueOrder {
  if (!field) return 'auto';
  const type = field.type === 'formula' ? field.resultType : field.type;
  if (type === 'number' || type === 'currency' || type === 'percent') return 'number';
  if (type === 'date' || type === 'datetime') return 'instant';
  // Booleans, and rollups (a max may be a date), order by their values.
  if (type === 'boolean' || type === 'rollup') return 'auto';
  return 'text';
}

/** Empty as the record API and SQL filters see it: null, absent, '' or []. */
export const isEmptyValue = (v: unknown): boolean => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

const FLOAT = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

/**
 * A number's shortest decimal text (String(0.1) is "0.1"; 1e21 spelled out); null for
 * fractions in exponent form (5e-324), non-finite values and non-numbers.
 */
function asDecimal(v: unknown): RegExpExecArray | null {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return null;
    const text = String(v);
    return DECIMAL.exec(text.includes('e') && Number.isInteger(v) ? BigInt(v).toString() : text);
  }
  return typeof v === 'string' ? DECIMAL.exec(v) : null;
}

/** Exact comparison of two decimals (money never passes through a float). */
function compareDecimals(a: RegExpExecArray, b: RegExpExecArray): number {
  const sign = (m: RegExpExecArray) => (m[1] && /[1-9]/.test(m[2] + (m[3] ?? '')) ? -1 : 1);
  const sa = sign(a);
  const sb = sign(b);
  if (sa !== sb) return sa < sb ? -1 : 1;
  const intA = a[2].replace(/^0+/, '');
  const intB = b[2].replace(/^0+/, '');
  let magnitude = intA.length - intB.length;
  if (magnitude === 0) magnitude = intA < intB ? -1 : intA > intB ? 1 : 0;
  if (magnitude === 0) {
    const len = Math.max(a[3]?.length ?? 0, b[3]?.length ?? 0);
    const fa = (a[3] ?? '').padEnd(len, '0');
    const fb = (b[3] ?? '').padEnd(len, '0');
    magnitude = fa < fb ? -1 : fa > fb ? 1 : 0;
  }
  return magnitude === 0 ? 0 : Math.sign(magnitude) * sa;
}

const sign = (x: number) => (x < 0 ? -1 : x > 0 ? 1 : 0);

function compareNumbers(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return sign(a - b);
  const da = asDecimal(a);
  const db = asDecimal(b);
  if (da && db) return compareDecimals(da, db);
  // A tiny fraction in exponent form (5e-324): as floats.
  const na = typeof a === 'number' || (typeof a === 'string' && FLOAT.test(a)) ? Number(a) : NaN;
  const nb = typeof b === 'number' || (typeof b === 'string' && FLOAT.test(b)) ? Number(b) : NaN;
  return Number.isFinite(na) && Number.isFinite(nb) ? sign(na - nb) : undefined;
}

function compareInstants(a: unknown, b: unknown): number | undefined {
  if (typeof a !== 'string' || typeof b !== 'string') return undefined;
  // Same-shaped ISO texts order as strings; mixed (date vs datetime) as instants.
  if (a.length === b.length) return a < b ? -1 : a > b ? 1 : 0;
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  return Number.isNaN(ta) || Number.isNaN(tb) ? undefined : sign(ta - tb);
}

/**
 * Orders two scalar values: negative, zero or positive; undefined when they cannot be
 * ordered (different kinds, objects).
 */
export function compareValues(a: unknown, b: unknown, order: ValueOrder = 'auto'): number | undefined {
  if (order === 'number') return compareNumbers(a, b);
  if (order === 'instant') return compareInstants(a, b);
  if (order === 'text') return typeof a === 'string' && typeof b === 'string' ? (a < b ? -1 : a > b ? 1 : 0) : a === b ? 0 : undefined;
  if (typeof a === 'boolean' || typeof b === 'boolean') return a === b ? 0 : undefined;
  if (typeof a === 'number' || typeof b === 'number') return compareNumbers(a, b);
  if (typeof a === 'string' && typeof b === 'string') {
    if (/^\d{4}-\d{2}-\d{2}/.test(a) && /^\d{4}-\d{2}-\d{2}/.test(b)) return compareInstants(a, b);
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return undefined;
}

function equal(a: unknown, b: unknown, order: ValueOrder): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => equal(x, b[i], order));
  }
  return compareValues(a, b, order) === 0;
}

function overlaps(actual: unknown, expected: unknown, order: ValueOrder): boolean {
  if (!Array.isArray(expected)) return false;
  return Array.isArray(actual) ? actual.some((a) => expected.some((e) => equal(a, e, order))) : expected.some((e) => equal(actual, e, order));
}

/**
 * A field value against a condition's value, with the semantics of the SQL list
 * filters (so a gate and a related-records count agree): an empty value fails every
 * comparison except ne, nin and isEmpty; on a multiselect, `in` means "shares a
 * value" and `contains` "has this value"; on text, `contains` ignores case.
 */
export function compareValue(op: CompareOperator, actual: unknown, expected: unknown, order: ValueOrder = 'auto'): boolean {
  switch (op) {
    case 'isEmpty':
      return isEmptyValue(actual);
    case 'notEmpty':
      return !isEmptyValue(actual);
    case 'ne':
      return isEmptyValue(actual) || !equal(actual, expected, order);
    case 'nin':
      return isEmptyValue(actual) || !overlaps(actual, expected, order);
  }
  if (isEmptyValue(actual)) return false;
  switch (op) {
    case 'eq':
      return equal(actual, expected, order);
    case 'in':
      return overlaps(actual, expected, order);
    case 'contains':
      if (Array.isArray(actual)) return actual.some((a) => equal(a, expected, order));
      return typeof actual === 'string' && actual.toLowerCase().includes(String(expected).toLowerCase());
    default: {
      const o = compareValues(actual, expected, order);
      if (o === undefined) return false;
      if (op === 'lt') return o < 0;
      if (op === 'lte') return o <= 0;
      if (op === 'gt') return o > 0;
      return o >= 0;
    }
  }
}
