/**
 * The rows a caller may touch on one object, as data: every row, or rows owned
 * by one of `ownerIds` or filed under one of `unitIds`. The server turns it into
 * a WHERE clause that every record query carries; `rowMatches` is the same rule
 * for a record already in memory.
 */
export type RowFilter = { all: true } | { all: false; ownerIds: string[]; unitIds: string[] };

export const NO_ROWS: RowFilter = { all: false, ownerIds: [], unitIds: [] };
export const ALL_ROWS: RowFilter = { all: true };

export function rowMatches(filter: RowFilter, row: { owner_id?: unknown; org_unit_id?: unknown }): boolean {
  if (filter.all) return true;
  return filter.ownerIds.includes(String(row.owner_id)) || (row.org_unit_id != null && filter.unitIds.includes(String(row.org_unit_id)));
}

/** The union of several filters (a user's rights are the union of their roles'). */
export function unionRowFilters(filters: RowFilter[]): RowFilter {
  if (filters.some((f) => f.all)) return ALL_ROWS;
  const owners = new Set<string>();
  const units = new Set<string>();
  for (const f of filters as Array<Extract<RowFilter, { all: false }>>) {
    f.ownerIds.forEach((o) => owners.add(o));
    f.unitIds.forEach((u) => units.add(u));
  }
  return { all: false, ownerIds: [...owners], unitIds: [...units] };
}
