import type { ErrorItem } from '../../common/errors/error-item';

/**
 * What a saved list view holds: the list's state as the workspace keeps it in the URL.
 * `filters` is the filter bar (per field, by the list's own encoding), `filter` an
 * extra list filter JSON (a dashboard drill-down), `columns` the chosen columns in order.
 * Every filter is checked again by the list API when the view is applied.
 */
export interface SavedViewDefinition {
  filters?: Record<string, unknown>;
  filter?: unknown;
  overdue?: boolean;
  q?: string;
  sort?: string;
  columns?: string[];
}

const MAX_BYTES = 32_000;
const KEY = /^[a-z][a-z0-9_.]{0,127}$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Problems of a definition, JSON Pointers under `base` (`/definition`). */
export function checkDefinition(value: unknown, base: string): ErrorItem[] {
  if (!isObject(value)) return [{ path: base, code: 'type', message: 'a view definition is an object' }];
  const errors: ErrorItem[] = [];
  const at = (key: string) => `${base}/${key}`;
  for (const key of Object.keys(value)) {
    if (!['filters', 'filter', 'overdue', 'q', 'sort', 'columns'].includes(key)) errors.push({ path: at(key), code: 'unknown', message: `unknown property ${JSON.stringify(key)}` });
  }
  if (value.filters !== undefined) {
    if (!isObject(value.filters)) errors.push({ path: at('filters'), code: 'type', message: 'filters is an object keyed by field' });
    else for (const k of Object.keys(value.filters)) if (!KEY.test(k)) errors.push({ path: `${at('filters')}/${k}`, code: 'field.key', message: 'not a field key' });
  }
  if (value.overdue !== undefined && typeof value.overdue !== 'boolean') errors.push({ path: at('overdue'), code: 'type', message: 'true or false' });
  for (const key of ['q', 'sort'] as const) {
    if (value[key] !== undefined && (typeof value[key] !== 'string' || (value[key] as string).length > 200)) errors.push({ path: at(key), code: 'type', message: 'text of at most 200 characters' });
  }
  if (value.columns !== undefined) {
    if (!Array.isArray(value.columns) || value.columns.length > 100) errors.push({ path: at('columns'), code: 'type', message: 'a list of at most 100 field keys' });
    else value.columns.forEach((c, i) => {
      if (typeof c !== 'string' || !KEY.test(c)) errors.push({ path: `${at('columns')}/${i}`, code: 'field.key', message: 'not a field key' });
    });
  }
  if (errors.length === 0 && JSON.stringify(value).length > MAX_BYTES) errors.push({ path: base, code: 'too_large', message: `a view definition may take at most ${MAX_BYTES} bytes` });
  return errors;
}
