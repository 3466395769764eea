import type { RowScope } from '@tessera/metadata';
import { ALL_ROWS, type RowFilter } from './row-filter';

/** Who is asking, as far as row scopes care. */
export interface ScopeSubject {
  userId: string;
  /** The subject's org unit; null for a user placed in no unit. */
  orgUnitId: string | null;
}

/** Narrowest first: each scope contains the ones before it. */
export const ROW_SCOPES: readonly RowScope[] = ['own', 'orgUnit', 'orgUnitAndBelow', 'all'];

/** The narrower of two scopes (a role's writeScope is never wider than its readScope). */
export function narrowerScope(a: RowScope, b: RowScope): RowScope {
  return ROW_SCOPES.indexOf(a) <= ROW_SCOPES.indexOf(b) ? a : b;
}

/**
 * The rows one scope grants. Scopes are nested, so the subject's own rows are in
 * every one of them: a rep who moved to another office still sees the records
 * filed under the old one that they own. `unitsBelow` is the subject's unit and its
 * descendants (only read for orgUnitAndBelow).
 */
export function scopeFilter(scope: RowScope, subject: ScopeSubject, unitsBelow: readonly string[]): RowFilter {
  const own = [subject.userId];
  switch (scope) {
    case 'all':
      return ALL_ROWS;
    case 'own':
      return { all: false, ownerIds: own, unitIds: [] };
    case 'orgUnit':
      return { all: false, ownerIds: own, unitIds: subject.orgUnitId === null ? [] : [subject.orgUnitId] };
    case 'orgUnitAndBelow':
      return { all: false, ownerIds: own, unitIds: subject.orgUnitId === null ? [] : [...unitsBelow] };
  }
}
