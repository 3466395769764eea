import type { AssignmentMapEntry } from '@tessera/metadata';
import { compareValues } from '../../pipelines/value.compare';

/** Where a mapped assignment sends a record: a user by login, a unit (round robin among its members), or nowhere. */
export type MappedTarget = { user: string } | { unit: string } | undefined;

/** The first entry whose value equals the field's value, else `otherwise` (a login); undefined leaves the owner alone. */
export function mappedTarget(map: readonly AssignmentMapEntry[], value: unknown, otherwise?: string): MappedTarget {
  if (value !== null && value !== undefined) {
    const entry = map.find((e) => (Array.isArray(value) ? value.some((v) => compareValues(v, e.value) === 0) : compareValues(value, e.value) === 0));
    if (entry?.user !== undefined) return { user: entry.user };
    if (entry?.unit !== undefined) return { unit: entry.unit };
  }
  return otherwise !== undefined ? { user: otherwise } : undefined;
}
