import type { Field } from '../metadata.generated';
import type { DataCheck } from './data-risk';

type Conversion = 'safe' | ((before: Field, after: Field) => DataCheck);

const SAFE_TEXT_TARGETS = ['text', 'longtext'] as const;
const NUMERIC = ['number', 'currency', 'percent'] as const;
const TEXT_DEFAULT_MAX = 255;

const convertible = (_b: Field, a: Field): DataCheck => ({ kind: 'convertible', to: a.type });
const toOptions = (_b: Field, a: Field): DataCheck =>
  a.type === 'select' || a.type === 'multiselect' ? { kind: 'valuesIn', values: a.options.map((o) => o.value) } : { kind: 'empty' };

/**
 * Type changes that keep every stored value meaningful, or the check under which they
 * do, keyed from>to. Any change not listed is allowed only while the field holds no
 * value. Scale and range differences between numeric types are checked separately.
 */
const CONVERSIONS: Record<string, Conversion> = {
  'text>longtext': 'safe',
  'longtext>text': (_b, a) => ({ kind: 'maxLength', max: (a.type === 'text' && a.maxLength) || TEXT_DEFAULT_MAX }),
  'text>email': convertible,
  'text>phone': convertible,
  'longtext>email': convertible,
  'longtext>phone': convertible,
  'text>select': toOptions,
  'longtext>select': toOptions,
  'select>multiselect': 'safe',
  'multiselect>select': convertible,
  'date>datetime': 'safe',
  'text>number': convertible,
  'text>currency': convertible,
  ...Object.fromEntries(['email', 'phone', 'autonumber', 'select', ...NUMERIC].flatMap((from) => SAFE_TEXT_TARGETS.map((to) => [`${from}>${to}`, 'safe']))),
  ...Object.fromEntries(NUMERIC.flatMap((from) => NUMERIC.filter((to) => to !== from).map((to) => [`${from}>${to}`, 'safe']))),
};

const COMPUTED = new Set<Field['type']>(['formula', 'rollup']);

/** undefined when a type change keeps every stored value; otherwise the check it needs. */
export function conversionCheck(before: Field, after: Field): DataCheck | undefined {
  // Computed values are recomputed from their definition: nothing of the user's is lost.
  if (COMPUTED.has(after.type) && COMPUTED.has(before.type)) return undefined;
  // A formula frozen into a plain field of its result type keeps the values it computed.
  if (before.type === 'formula' && before.resultType === after.type) return undefined;
  const rule = CONVERSIONS[`${before.type}>${after.type}`];
  if (rule === 'safe') return undefined;
  return rule ? rule(before, after) : { kind: 'empty' };
}
