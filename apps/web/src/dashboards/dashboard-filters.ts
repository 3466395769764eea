import type { Field, Widget } from '@tessera/metadata';
import type { Workspace } from '../metadata/metadata.queries';
import type { DashboardDocument, FilterParams } from './dashboard.types';

/** The object a widget counts records of: its own, or its pipeline's. */
export function widgetObject(widget: Widget, meta: Workspace): string | undefined {
  if ('object' in widget) return widget.object;
  return [...meta.pipelines.values()].find((p) => p.key === widget.pipeline)?.object;
}

/** A select field the filter bar offers, with the objects of the dashboard that have it. */
export interface SelectFilter {
  key: string;
  field: Extract<Field, { type: 'select' }>;
}

/** The filter bar's select fields: keys of `filters` other than owner and unit, looked up on the dashboard's objects. */
export function selectFilters(doc: DashboardDocument, meta: Workspace): SelectFilter[] {
  const objects = [...new Set(doc.widgets.map((w) => widgetObject(w, meta)).filter((o): o is string => o !== undefined))];
  return (doc.filters ?? []).flatMap((key) => {
    if (key === 'owner_id' || key === 'org_unit_id') return [];
    for (const o of objects) {
      const field = meta.objects.get(o)?.fields.find((f) => f.key === key);
      if (field?.type === 'select') return [{ key, field }];
    }
    return [];
  });
}

/** URL parameters of the filter bar (kept in the address so a drill-down and back keeps them). */
const RUNTIME = (name: string) => name === 'period' || name === 'owner' || name === 'unit' || name.startsWith('f.');

/** What every widget request carries: the period (the dashboard's default unless chosen) and the chosen filters. */
export function filterParams(doc: DashboardDocument, search: URLSearchParams): FilterParams {
  const params: FilterParams = { period: search.get('period') ?? doc.period ?? 'all' };
  for (const [name, value] of search) if (RUNTIME(name) && name !== 'period' && value !== '') params[name] = value;
  return params;
}
