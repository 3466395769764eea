import type { ObjectPermission, RoleDefinition } from '@tessera/metadata';
import { ALL_ROWS, NO_ROWS, unionRowFilters, type RowFilter } from './row-filter';
import { narrowerScope, scopeFilter, type ScopeSubject } from './row-scope';

export type ObjectAction = ObjectPermission['actions'][number];

export const OBJECT_ACTIONS: readonly ObjectAction[] = ['read', 'create', 'update', 'delete', 'export', 'import', 'moveStage', 'reassign'];

/** Actions on rows that already exist and change them: they use a role's writeScope. */
export const WRITE_ACTIONS: readonly ObjectAction[] = ['update', 'delete', 'moveStage', 'reassign'];

/** Actions that read rows: they use a role's readScope. */
const READ_ACTIONS: readonly ObjectAction[] = ['read', 'export'];

/** What one actor may do with one object: the union of their roles' grants. */
export interface ObjectAccessData {
  object: string;
  actions: ReadonlySet<ObjectAction>;
  /** Rows the actor may read (list, get, search, history, attachments). */
  read: RowFilter;
  /** Rows the actor may change: the union over every write action (update, delete, moveStage, reassign). */
  write: RowFilter;
  /**
   * Rows per row-bound action (read, export, and each write action), exact where
   * `write` is the union: with one role updating its own rows and another deleting
   * every row, `byAction.update` is own rows only. Create and import are not row-bound.
   */
  byAction: Readonly<Partial<Record<ObjectAction, RowFilter>>>;
  /** Fields absent from every response and refused on write. */
  hidden: ReadonlySet<string>;
  /** Fields shown but refused on write. Disjoint from `hidden`. */
  readOnly: ReadonlySet<string>;
}

export interface ResolveObjectAccessInput {
  object: string;
  /** The actor's roles as published; keys the metadata does not define are simply absent. */
  roles: readonly RoleDefinition[];
  subject: ScopeSubject;
  /** Built-in administrators get every action on every row and field. */
  isAdmin: boolean;
  /** The subject's unit and all units below it (only needed when a role uses orgUnitAndBelow). */
  unitsBelow: readonly string[];
}

export function emptyObjectAccess(object: string): ObjectAccessData {
  return { object, actions: new Set(), read: NO_ROWS, write: NO_ROWS, byAction: {}, hidden: new Set(), readOnly: new Set() };
}

export function fullObjectAccess(object: string): ObjectAccessData {
  const byAction: Partial<Record<ObjectAction, RowFilter>> = {};
  for (const a of [...READ_ACTIONS, ...WRITE_ACTIONS]) byAction[a] = ALL_ROWS;
  return { object, actions: new Set(OBJECT_ACTIONS), read: ALL_ROWS, write: ALL_ROWS, byAction, hidden: new Set(), readOnly: new Set() };
}

/**
 * The union of the actor's roles on one object.
 * - Actions: every action some role grants.
 * - Rows: for read and export the readScope of the roles granting them; for a write
 *   action the writeScope (readScope when absent, clamped to it) of the roles granting it.
 * - Hidden: a field is hidden only if every role that can read the object hides it.
 * - Read-only: unless some role that can update marks it `edit` or leaves it unlisted.
 */
export function resolveObjectAccess(input: ResolveObjectAccessInput): ObjectAccessData {
  const { object, subject, unitsBelow } = input;
  if (input.isAdmin) return fullObjectAccess(object);
  const grants = input.roles.flatMap((r) => r.permissions.filter((p) => p.object === object));
  if (grants.length === 0) return emptyObjectAccess(object);

  const actions = new Set(grants.flatMap((g) => g.actions));
  const byAction: Partial<Record<ObjectAction, RowFilter>> = {};
  for (const action of [...READ_ACTIONS, ...WRITE_ACTIONS]) {
    const granting = grants.filter((g) => g.actions.includes(action));
    if (granting.length === 0) continue;
    byAction[action] = unionRowFilters(
      granting.map((g) => {
        const scope = READ_ACTIONS.includes(action) ? g.readScope : narrowerScope(g.writeScope ?? g.readScope, g.readScope);
        return scopeFilter(scope, subject, unitsBelow);
      }),
    );
  }
  const writeFilters = WRITE_ACTIONS.map((a) => byAction[a]).filter((f): f is RowFilter => f !== undefined);

  const hidden = intersect(grants.filter((g) => g.actions.includes('read')).map((g) => fieldsMarked(g, 'hidden')));
  const readOnly = new Set<string>();
  const updaters = grants.filter((g) => g.actions.includes('update'));
  for (const field of new Set(grants.flatMap((g) => Object.keys(g.fields ?? {})))) {
    if (hidden.has(field)) continue;
    const editable = updaters.some((g) => (g.fields?.[field] ?? 'edit') === 'edit');
    if (!editable) readOnly.add(field);
  }

  return {
    object,
    actions,
    read: byAction.read ?? NO_ROWS,
    write: writeFilters.length > 0 ? unionRowFilters(writeFilters) : NO_ROWS,
    byAction,
    hidden,
    readOnly,
  };
}

function fieldsMarked(grant: ObjectPermission, access: 'hidden' | 'read' | 'edit'): Set<string> {
  return new Set(Object.entries(grant.fields ?? {}).filter(([, a]) => a === access).map(([f]) => f));
}

function intersect(sets: Array<Set<string>>): Set<string> {
  if (sets.length === 0) return new Set();
  return new Set([...sets[0]].filter((x) => sets.every((s) => s.has(x))));
}

/** Whether any of these roles needs the subject's descendant units (so the caller can skip the lookup). */
export function needsUnitsBelow(roles: readonly RoleDefinition[], object?: string): boolean {
  return roles.some((r) =>
    r.permissions.some(
      (p) => (object === undefined || p.object === object) && (p.readScope === 'orgUnitAndBelow' || p.writeScope === 'orgUnitAndBelow'),
    ),
  );
}
