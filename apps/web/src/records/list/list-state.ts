import type { Field, ObjectDefinition, PipelineDefinition } from '@tessera/metadata';
import { overdueRecordsFilter, SYSTEM_FIELDS, type FilterNode } from '@tessera/engine';

/**
 * One field's condition in the filter bar, kept small for the URL:
 * text contains, a number range, a day range, a set of values (options, users,
 * records; `$me` is the signed-in user) or yes / no.
 */
export type FieldFilter = { contains: string } | { min?: number; max?: number } | { from?: string; to?: string } | { in: string[] } | { is: boolean };

export type FilterKind = 'text' | 'range' | 'dates' | 'options' | 'users' | 'records' | 'boolean';

/** Everything a list shows: in the URL (linkable) and in a saved view. */
export interface ListState {
  /** Filter bar conditions by field key. */
  filters: Record<string, FieldFilter>;
  /** Records over their stage's timeout (objects with a pipeline). */
  overdue: boolean;
  /** An extra filter JSON, AND-ed with the rest (a dashboard drill-down). */
  filter?: unknown;
  q: string;
  sort?: string;
  /** Chosen columns in order; undefined: the default columns. */
  columns?: string[];
  /** The saved view the state came from. */
  view?: string;
}

/** The signed-in user in a users filter: a saved "mine" view follows whoever opens it. */
export const ME = '$me';

const OWNER = SYSTEM_FIELDS.find((f) => f.key === 'owner_id')!;
const CREATED = SYSTEM_FIELDS.find((f) => f.key === 'created_at')!;

/** Which editor a field's filter takes; undefined: not filterable from the bar. */
export function filterKind(field: Field): FilterKind | undefined {
  const t = field.type === 'formula' ? field.resultType : field.type;
  switch (t) {
    case 'text':
    case 'longtext':
    case 'email':
    case 'phone':
    case 'autonumber':
      return 'text';
    case 'number':
    case 'currency':
    case 'percent':
      return 'range';
    case 'rollup':
      return field.type === 'rollup' && (field.aggregate === 'count' || field.aggregate === 'sum') ? 'range' : undefined;
    case 'date':
    case 'datetime':
      return 'dates';
    case 'select':
    case 'multiselect':
      return 'options';
    case 'boolean':
      return 'boolean';
    case 'user':
      return 'users';
    case 'relation':
      return 'records';
    default:
      return undefined;
  }
}

/** Fields the filter bar offers: visible fields with an editor, then owner and creation time; the stage field first. */
export function filterableFields(object: ObjectDefinition, hidden: readonly string[], pipeline?: PipelineDefinition): Field[] {
  const fields = object.fields.filter((f) => !f.retired && !hidden.includes(f.key) && filterKind(f));
  const stage = pipeline ? fields.find((f) => f.key === pipeline.stageField) : undefined;
  return [...(stage ? [stage] : []), ...fields.filter((f) => f !== stage), OWNER, CREATED];
}

/** Whether a condition restricts anything (an empty range or list does not). */
export function isActive(f: FieldFilter | undefined): f is FieldFilter {
  if (!f) return false;
  if ('contains' in f) return f.contains.trim() !== '';
  if ('in' in f) return f.in.length > 0;
  if ('is' in f) return typeof f.is === 'boolean';
  if ('from' in f || 'to' in f) return !!((f as { from?: string }).from || (f as { to?: string }).to);
  return (f as { min?: number }).min !== undefined || (f as { max?: number }).max !== undefined;
}

/** The first instant of a local day, as an ISO instant (datetime ranges run from local midnight). */
const dayStart = (day: string, plusDays = 0): string => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d + plusDays).toISOString();
};

/** One field's condition as list filter JSON. */
export function fieldFilterNode(field: Field, f: FieldFilter, meId: string): FilterNode | undefined {
  if (!isActive(f)) return undefined;
  const key = field.key;
  if ('contains' in f) return { field: key, op: 'contains', value: f.contains.trim() };
  if ('is' in f) return { field: key, op: 'eq', value: f.is };
  if ('in' in f) return { field: key, op: 'in', value: f.in.map((v) => (v === ME ? meId : v)) };
  const parts: FilterNode[] = [];
  if ('from' in f || 'to' in f) {
    const { from, to } = f as { from?: string; to?: string };
    const datetime = (field.type === 'formula' ? field.resultType : field.type) === 'datetime';
    if (from) parts.push({ field: key, op: 'gte', value: datetime ? dayStart(from) : from });
    // A day range includes its last day: before the next midnight for instants.
    if (to) parts.push(datetime ? { field: key, op: 'lt', value: dayStart(to, 1) } : { field: key, op: 'lte', value: to });
  } else {
    const { min, max } = f as { min?: number; max?: number };
    if (min !== undefined) parts.push({ field: key, op: 'gte', value: min });
    if (max !== undefined) parts.push({ field: key, op: 'lte', value: max });
  }
  return parts.length === 1 ? parts[0] : { and: parts };
}

/**
 * The list's whole filter JSON: every bar condition, the overdue flag (built from the
 * pipeline's stage timeouts at `now`) and the drill-down filter, all AND-ed; the server
 * checks and runs it.
 */
export function compileFilter(state: ListState, fields: readonly Field[], meId: string, pipeline: PipelineDefinition | undefined, now: Date): FilterNode | undefined {
  const parts: FilterNode[] = [];
  for (const [key, f] of Object.entries(state.filters)) {
    const field = fields.find((x) => x.key === key);
    const node = field && fieldFilterNode(field, f, meId);
    if (node) parts.push(node);
  }
  if (state.overdue && pipeline) {
    // No timed stage: nothing can be overdue (the list takes no empty `or`).
    parts.push(overdueRecordsFilter(pipeline, now) ?? { field: 'id', op: 'isEmpty', value: true });
  }
  if (state.filter && typeof state.filter === 'object') parts.push(state.filter as FilterNode);
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : { and: parts };
}

const json = (raw: string | null): unknown => {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
};

/** The list state in a URL's search parameters (unknown or broken parts are dropped). */
export function readListState(params: URLSearchParams): ListState {
  const f = json(params.get('f'));
  const filters = f && typeof f === 'object' && !Array.isArray(f) ? (f as Record<string, FieldFilter>) : {};
  const cols = params.get('cols');
  return {
    filters,
    overdue: params.get('overdue') === '1',
    filter: json(params.get('filter')),
    q: params.get('q') ?? '',
    sort: params.get('sort') || undefined,
    columns: cols ? cols.split(',').filter(Boolean) : undefined,
    view: params.get('view') || undefined,
  };
}

/** The inverse of readListState; empty parts are left out so links stay short. */
export function writeListState(state: ListState): URLSearchParams {
  const p = new URLSearchParams();
  if (state.view) p.set('view', state.view);
  const active = Object.fromEntries(Object.entries(state.filters).filter(([, f]) => isActive(f)));
  if (Object.keys(active).length) p.set('f', JSON.stringify(active));
  if (state.overdue) p.set('overdue', '1');
  if (state.filter !== undefined) p.set('filter', JSON.stringify(state.filter));
  if (state.q) p.set('q', state.q);
  if (state.sort) p.set('sort', state.sort);
  if (state.columns) p.set('cols', state.columns.join(','));
  return p;
}

/** What a saved view keeps (the server's SavedViewDefinition): the state without the view id. */
export function viewDefinition(state: ListState): Omit<ListState, 'view' | 'filters' | 'overdue' | 'q'> & { filters?: Record<string, FieldFilter>; overdue?: boolean; q?: string } {
  const active = Object.fromEntries(Object.entries(state.filters).filter(([, f]) => isActive(f)));
  return {
    ...(Object.keys(active).length && { filters: active }),
    ...(state.overdue && { overdue: true }),
    ...(state.filter !== undefined && { filter: state.filter }),
    ...(state.q && { q: state.q }),
    ...(state.sort && { sort: state.sort }),
    ...(state.columns && { columns: state.columns }),
  };
}

/** A saved view's definition as list state. */
export function stateOfView(id: string, d: Partial<ListState>): ListState {
  return { filters: d.filters ?? {}, overdue: d.overdue ?? false, filter: d.filter, q: d.q ?? '', sort: d.sort, columns: d.columns, view: id };
}
