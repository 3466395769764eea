import { pointer } from '../issues/json-pointer';

/** One difference between two JSON values, at a JSON Pointer (the old position for removals). */
export type JsonChange =
  | { op: 'add'; path: string; after: unknown }
  | { op: 'remove'; path: string; before: unknown }
  | { op: 'replace'; path: string; before: unknown; after: unknown }
  /** The items of a keyed list kept their identities but not their order. */
  | { op: 'reorder'; path: string; before: string[]; after: string[] };

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Properties that identify an item of a metadata list (fields by key, options by value, demo records by ref). */
const IDENTITIES = ['key', 'value', 'ref'] as const;

/** The property that identifies every item of both lists uniquely, if there is one. */
function identityOf(a: unknown[], b: unknown[]): string | undefined {
  const items = [...a, ...b];
  if (items.length === 0 || !items.every(isRecord)) return undefined;
  return IDENTITIES.find((id) => {
    const unique = (list: unknown[]) => new Set(list.map((i) => (i as Json)[id])).size === list.length;
    return items.every((i) => typeof (i as Json)[id] === 'string') && unique(a) && unique(b);
  });
}

function diffKeyed(before: Json[], after: Json[], id: string, at: string, out: JsonChange[]): void {
  const oldIndex = new Map(before.map((item, i) => [item[id] as string, i]));
  const newIds = new Set(after.map((item) => item[id] as string));
  before.forEach((item, i) => {
    if (!newIds.has(item[id] as string)) out.push({ op: 'remove', path: at + pointer(i), before: item });
  });
  after.forEach((item, i) => {
    const j = oldIndex.get(item[id] as string);
    if (j === undefined) out.push({ op: 'add', path: at + pointer(i), after: item });
    else diffInto(before[j], item, at + pointer(i), out);
  });
  const keptOld = before.map((i) => i[id] as string).filter((k) => newIds.has(k));
  const keptNew = after.map((i) => i[id] as string).filter((k) => oldIndex.has(k));
  if (keptOld.join('\u0000') !== keptNew.join('\u0000')) out.push({ op: 'reorder', path: at, before: keptOld, after: keptNew });
}

function diffInto(before: unknown, after: unknown, at: string, out: JsonChange[]): void {
  if (Array.isArray(before) && Array.isArray(after)) {
    const id = identityOf(before, after);
    if (id) return diffKeyed(before as Json[], after as Json[], id, at, out);
    const common = Math.min(before.length, after.length);
    for (let i = 0; i < common; i++) diffInto(before[i], after[i], at + pointer(i), out);
    for (let i = common; i < before.length; i++) out.push({ op: 'remove', path: at + pointer(i), before: before[i] });
    for (let i = common; i < after.length; i++) out.push({ op: 'add', path: at + pointer(i), after: after[i] });
    return;
  }
  if (isRecord(before) && isRecord(after)) {
    for (const k of Object.keys(before)) {
      if (!(k in after)) out.push({ op: 'remove', path: at + pointer(k), before: before[k] });
      else diffInto(before[k], after[k], at + pointer(k), out);
    }
    for (const k of Object.keys(after)) if (!(k in before)) out.push({ op: 'add', path: at + pointer(k), after: after[k] });
    return;
  }
  if (before !== after) out.push({ op: 'replace', path: at, before, after });
}

/**
 * The differences between two versions of a metadata document. Lists of keyed items
 * (fields, stages, options, steps, widgets) are matched by key, not by position, so
 * inserting a field reports one addition rather than a change to every later field.
 */
export function diffJson(before: unknown, after: unknown): JsonChange[] {
  const out: JsonChange[] = [];
  diffInto(before, after, '', out);
  return out;
}
