import { pointer } from '../issues/json-pointer';
import type { Field, ObjectDefinition } from '../metadata.generated';
import type { DataCheck, DataRisk, DataRiskChange } from './data-risk';
import { conversionCheck } from './field-conversion';

const show = (v: unknown) => JSON.stringify(v);

/** Digits kept after the point (undefined: unbounded), as the engine sizes numeric columns. */
function scaleOf(f: Field): number | undefined {
  if (f.type === 'currency') return f.precision ?? 2;
  if (f.type === 'number') return f.precision;
  return undefined;
}

const numberProp = (f: Field, prop: 'min' | 'max' | 'maxLength' | 'maxSelected'): number | undefined => {
  const v = (f as Partial<Record<typeof prop, unknown>>)[prop];
  return typeof v === 'number' ? v : undefined;
};

type RiskOf = (before: Field, after: Field) => { change: DataRiskChange; message: string; check: DataCheck; alternative?: 'retire' } | undefined;

/** Narrowings of a kept field, each a function of the two versions; a type change is checked first. */
const FIELD_RISKS: RiskOf[] = [
  (b, a) => {
    if (b.type === a.type) return undefined;
    const check = conversionCheck(b, a);
    return check && { change: 'fieldTypeChanged', message: `type changes from ${b.type} to ${a.type}`, check };
  },
  (b, a) =>
    b.type === 'relation' && a.type === 'relation' && b.target !== a.target
      ? { change: 'relationRetargeted', message: `relation now points at ${show(a.target)} instead of ${show(b.target)}`, check: { kind: 'empty' } }
      : undefined,
  (b, a) => {
    if ((b.type !== 'select' && b.type !== 'multiselect') || (a.type !== 'select' && a.type !== 'multiselect')) return undefined;
    const kept = new Set(a.options.map((o) => o.value));
    const gone = b.options.map((o) => o.value).filter((v) => !kept.has(v));
    return gone.length === 0 ? undefined : { change: 'optionsRemoved', message: `options ${gone.map(show).join(', ')} are removed`, check: { kind: 'valuesIn', values: [...kept] }, alternative: 'retire' };
  },
  (b, a) => (a.required && !b.required ? { change: 'requiredAdded', message: 'becomes required', check: { kind: 'noNulls' } } : undefined),
  (b, a) => (a.unique && !b.unique ? { change: 'uniqueAdded', message: 'becomes unique', check: { kind: 'unique' } } : undefined),
  (b, a) => {
    const was = numberProp(b, 'maxLength');
    const now = numberProp(a, 'maxLength');
    return now !== undefined && (was === undefined || now < was) && a.type === b.type ? { change: 'maxLengthReduced', message: `maxLength drops to ${now}`, check: { kind: 'maxLength', max: now } } : undefined;
  },
  (b, a) => {
    const was = numberProp(b, 'maxSelected');
    const now = numberProp(a, 'maxSelected');
    return now !== undefined && (was === undefined || now < was) ? { change: 'maxSelectedReduced', message: `maxSelected drops to ${now}`, check: { kind: 'maxItems', max: now } } : undefined;
  },
  (b, a) => {
    const was = scaleOf(b);
    const now = scaleOf(a);
    return now !== undefined && (was === undefined || now < was) && (b.type === 'number' || b.type === 'currency' || b.type === 'percent')
      ? { change: 'scaleReduced', message: `digits after the point drop to ${now}`, check: { kind: 'scale', scale: now } }
      : undefined;
  },
  (b, a) => {
    const minWas = numberProp(b, 'min');
    const minNow = numberProp(a, 'min');
    const maxWas = numberProp(b, 'max');
    const maxNow = numberProp(a, 'max');
    const raisedMin = minNow !== undefined && (minWas === undefined || minNow > minWas);
    const loweredMax = maxNow !== undefined && (maxWas === undefined || maxNow < maxWas);
    if (!raisedMin && !loweredMax) return undefined;
    return { change: 'rangeNarrowed', message: `allowed range narrows to [${minNow ?? '-∞'}, ${maxNow ?? '∞'}]`, check: { kind: 'range', min: minNow, max: maxNow } };
  },
];

/** Data risks between two versions of one object (both present). */
export function objectRisks(before: ObjectDefinition, after: ObjectDefinition): DataRisk[] {
  const risks: DataRisk[] = [];
  const next = new Map(after.fields.map((f, i) => [f.key, { field: f, index: i }]));
  before.fields.forEach((old, i) => {
    const kept = next.get(old.key);
    if (!kept) {
      risks.push({ change: 'fieldRemoved', object: after.key, field: old.key, path: pointer('fields', i), message: `${after.key}.${old.key}: field is removed; its values would be lost`, check: { kind: 'empty' }, alternative: 'retire' });
      return;
    }
    // A retired field is no longer written, so narrowing it refuses nothing.
    if (kept.field.retired) return;
    for (const riskOf of FIELD_RISKS) {
      const risk = riskOf(old, kept.field);
      if (risk) risks.push({ ...risk, object: after.key, field: old.key, path: pointer('fields', kept.index), message: `${after.key}.${old.key}: ${risk.message}` });
    }
  });
  return risks;
}
