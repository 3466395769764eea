import type { Field } from '@tessera/metadata';
import type { FilterOperator } from '../field-types/field-type';
import { fieldType } from '../field-types/field-type.registry';
import type { CompiledObject } from './object.compile';
import type { ValidationIssue } from './validation-issue';

export interface FilterLeaf {
  field: string;
  op: FilterOperator;
  value?: unknown;
}
export type FilterNode = FilterLeaf | { and: FilterNode[] } | { or: FilterNode[] };

export interface SortKey {
  field: string;
  direction: 'asc' | 'desc';
}

export interface ListQuery {
  filter?: FilterNode;
  sort: SortKey[];
  fields?: string[];
  search?: string;
  limit: number;
  cursor?: string;
  expand: string[];
}

export interface RawListQuery {
  filter?: unknown;
  sort?: string;
  fields?: string;
  q?: string;
  limit?: string | number;
  cursor?: string;
  expand?: string;
}

const label = (en: string) => ({ 'zh-CN': en, en });
/** System columns, filterable and sortable like fields. */
export const SYSTEM_FIELDS: Field[] = [
  { key: 'id', type: 'relation', target: 'self', label: label('Id') },
  { key: 'owner_id', type: 'user', label: label('Owner') },
  { key: 'org_unit_id', type: 'relation', target: 'org_unit', label: label('Org unit') },
  { key: 'created_by', type: 'user', label: label('Created by') },
  { key: 'updated_by', type: 'user', label: label('Updated by') },
  { key: 'created_at', type: 'datetime', label: label('Created at') },
  { key: 'updated_at', type: 'datetime', label: label('Updated at') },
];

export const MAX_LIST_LIMIT = 500;
const DEFAULT_LIMIT = 50;
const MAX_FILTER_NODES = 100;

type Kind = 'number' | 'string' | 'boolean';
function valueKind(field: Field): Kind {
  const t = field.type === 'formula' ? field.resultType : field.type;
  if (['number', 'currency', 'percent'].includes(t)) return 'number';
  if (t === 'rollup') return 'number';
  if (t === 'boolean') return 'boolean';
  return 'string';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function scalarOk(field: Field, v: unknown): boolean {
  const kind = valueKind(field);
  if (kind === 'number') return typeof v === 'number' && Number.isFinite(v);
  if (kind === 'boolean') return typeof v === 'boolean';
  if (typeof v !== 'string' || v.length > 1000) return false;
  if (['user', 'relation'].includes(field.type)) return UUID.test(v);
  if (['date', 'datetime'].includes(field.type)) return !Number.isNaN(Date.parse(v));
  return true;
}

/**
 * Parses and checks a list request against the object's fields: every field
 * exists and is visible, every operator suits its field type, every value has
 * the right shape. The result is plain data the server turns into SQL with
 * bind parameters; nothing here is ever concatenated into a query.
 *
 * `derived` are facts other modules keep about a record (when it entered its stage),
 * described as fields: filters may use them, sort, fields and expand may not.
 */
export function parseListQuery(
  compiled: CompiledObject,
  raw: RawListQuery,
  visible: (key: string) => boolean = () => true,
  derived: readonly Field[] = [],
): { query: ListQuery; errors: [] } | { query?: undefined; errors: ValidationIssue[] } {
  const errors: ValidationIssue[] = [];
  const fields = new Map<string, Field>([...SYSTEM_FIELDS.map((f) => [f.key, f] as const), ...compiled.fields]);
  const filterable = new Map<string, Field>([...fields, ...derived.map((f) => [f.key, f] as const)]);
  const known = (key: unknown): Field | undefined =>
    typeof key === 'string' && visible(key) ? fields.get(key) : undefined;
  const knownInFilter = (key: unknown): Field | undefined =>
    typeof key === 'string' && visible(key) ? filterable.get(key) : undefined;
  let nodes = 0;

  const parseNode = (node: unknown, path: string): FilterNode | undefined => {
    if (++nodes > MAX_FILTER_NODES) {
      errors.push({ path, code: 'filter.too_large', message: `a filter may have at most ${MAX_FILTER_NODES} conditions` });
      return undefined;
    }
    if (!node || typeof node !== 'object' || Array.isArray(node)) {
      errors.push({ path, code: 'filter.invalid', message: 'a filter is an object: {field, op, value}, {and: [...]} or {or: [...]}' });
      return undefined;
    }
    const n = node as Record<string, unknown>;
    for (const group of ['and', 'or'] as const) {
      if (group in n) {
        const list = n[group];
        if (!Array.isArray(list) || list.length === 0) {
          errors.push({ path: `${path}/${group}`, code: 'filter.invalid', message: `${group} takes a non-empty list` });
          return undefined;
        }
        const children = list.map((c, i) => parseNode(c, `${path}/${group}/${i}`)).filter((c): c is FilterNode => !!c);
        return group === 'and' ? { and: children } : { or: children };
      }
    }
    const field = knownInFilter(n.field);
    if (!field) {
      errors.push({ path: `${path}/field`, code: 'filter.unknown_field', message: `unknown field ${JSON.stringify(n.field)}` });
      return undefined;
    }
    const op = n.op as FilterOperator;
    const ops = SYSTEM_FIELDS.includes(field) ? ['eq', 'ne', 'in', 'nin', 'lt', 'lte', 'gt', 'gte', 'between', 'isEmpty'] : fieldType(field).operators;
    if (!ops.includes(op)) {
      errors.push({ path: `${path}/op`, code: 'filter.bad_operator', message: `${field.key} (${field.type}) supports ${ops.join(', ')}` });
      return undefined;
    }
    const v = n.value;
    const bad = (why: string) => errors.push({ path: `${path}/value`, code: 'filter.bad_value', message: `${field.key} ${op}: ${why}` });
    if (op === 'isEmpty') {
      if (typeof v !== 'boolean') return void bad('value must be true or false');
    } else if (op === 'in' || op === 'nin') {
      if (!Array.isArray(v) || v.length === 0 || v.length > 500 || !v.every((x) => scalarOk(field, x))) return void bad('value must be a non-empty list of valid values');
    } else if (op === 'between') {
      if (!Array.isArray(v) || v.length !== 2 || !v.every((x) => scalarOk(field, x))) return void bad('value must be [from, to]');
    } else if (op === 'contains' && field.type === 'multiselect') {
      if (typeof v !== 'string') return void bad('value must be one option');
    } else if ((op === 'contains' || op === 'startsWith') && typeof v !== 'string') {
      return void bad('value must be text');
    } else if (!scalarOk(field, v)) {
      return void bad(`value must be a valid ${field.type}`);
    }
    return { field: field.key, op, value: v };
  };

  let filter: FilterNode | undefined;
  if (raw.filter !== undefined && raw.filter !== '') {
    let parsed = raw.filter;
    if (typeof parsed === 'string') {
      try {
        parsed = JSON.parse(parsed);
      } catch {
        errors.push({ path: '/filter', code: 'filter.invalid', message: 'filter is not valid JSON' });
      }
    }
    if (errors.length === 0) filter = parseNode(parsed, '/filter');
  }

  const sort: SortKey[] = [];
  for (const part of (raw.sort ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const desc = part.startsWith('-');
    const key = desc ? part.slice(1) : part;
    const f = known(key);
    if (!f || f.type === 'multiselect' || f.type === 'geopoint' || f.type === 'attachment') {
      errors.push({ path: '/sort', code: 'sort.unknown_field', message: `cannot sort on ${JSON.stringify(key)}` });
    } else sort.push({ field: key, direction: desc ? 'desc' : 'asc' });
  }
  if (sort.length === 0) sort.push({ field: 'created_at', direction: 'desc' });

  let fieldList: string[] | undefined;
  if (raw.fields) {
    fieldList = raw.fields.split(',').map((s) => s.trim()).filter(Boolean);
    for (const k of fieldList) if (!known(k)) errors.push({ path: '/fields', code: 'fields.unknown_field', message: `unknown field ${JSON.stringify(k)}` });
  }

  const expand = (raw.expand ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const k of expand) {
    if (known(k)?.type !== 'relation') errors.push({ path: '/expand', code: 'expand.not_relation', message: `${JSON.stringify(k)} is not a relation field` });
  }

  const limit = raw.limit === undefined ? DEFAULT_LIMIT : Number(raw.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
    errors.push({ path: '/limit', code: 'limit.invalid', message: `limit must be an integer from 1 to ${MAX_LIST_LIMIT}` });
  }
  const search = raw.q?.trim() ? raw.q.trim().slice(0, 200) : undefined;

  if (errors.length > 0) return { errors };
  return { query: { filter, sort, fields: fieldList, search, limit, cursor: raw.cursor || undefined, expand }, errors: [] };
}
