import fc from 'fast-check';
import type { ObjectPermission, RoleDefinition, RowScope } from '@tessera/metadata';
import { resolveObjectAccess, WRITE_ACTIONS, type ObjectAction } from './object-access.resolve';
import { descendantsOf, type OrgTreeNode } from './org-tree';
import { NO_ROWS, rowMatches } from './row-filter';
import { narrowerScope, ROW_SCOPES } from './row-scope';

const ACTIONS: ObjectAction[] = ['read', 'create', 'update', 'delete', 'export', 'moveStage', 'reassign'];
const FIELDS = ['amount', 'cost', 'discount'];

/** A random forest: unit i's parent is an earlier unit or none. */
const orgTree = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc.tuple(...Array.from({ length: n }, (_, i) => (i === 0 ? fc.constant(null) : fc.option(fc.nat({ max: i - 1 }), { freq: 4 })))).map(
    (parents): OrgTreeNode[] => parents.map((p, i) => ({ id: `u${i}`, parentId: p === null ? null : `u${p}` })),
  ),
);

const grant: fc.Arbitrary<ObjectPermission> = fc.record(
  {
    object: fc.constantFrom('deal', 'account'),
    actions: fc.uniqueArray(fc.constantFrom(...ACTIONS), { minLength: 1 }),
    readScope: fc.constantFrom(...ROW_SCOPES),
    writeScope: fc.constantFrom(...ROW_SCOPES),
    fields: fc.dictionary(fc.constantFrom(...FIELDS), fc.constantFrom('hidden' as const, 'read' as const, 'edit' as const)),
  },
  { requiredKeys: ['object', 'actions', 'readScope'] },
);

const roles = fc.array(fc.array(grant, { maxLength: 3 }), { maxLength: 4 }).map((sets) =>
  sets.map((permissions, i): RoleDefinition => ({ kind: 'role', key: `role_${i}`, label: { 'zh-CN': '角色', en: 'Role' }, permissions })),
);

const world = orgTree.chain((units) => {
  const unit = fc.option(fc.constantFrom(...units.map((u) => u.id)), { freq: 5 });
  return fc.record({
    units: fc.constant(units),
    roles,
    actor: fc.record({ userId: fc.constantFrom('p0', 'p1', 'p2'), orgUnitId: unit }),
    records: fc.array(fc.record({ owner_id: fc.constantFrom('p0', 'p1', 'p2', 'p3'), org_unit_id: unit }), { maxLength: 25 }),
  });
});

/** Independent of descendantsOf: walk up from the record's unit looking for the actor's. */
function isAtOrBelow(units: OrgTreeNode[], unit: string | null, ancestor: string): boolean {
  const parent = new Map(units.map((u) => [u.id, u.parentId]));
  for (let at = unit; at !== null && at !== undefined; at = parent.get(at) ?? null) if (at === ancestor) return true;
  return false;
}

function inScope(scope: RowScope, units: OrgTreeNode[], actor: { userId: string; orgUnitId: string | null }, rec: { owner_id: string; org_unit_id: string | null }): boolean {
  if (scope === 'all' || rec.owner_id === actor.userId) return true;
  if (actor.orgUnitId === null) return false;
  if (scope === 'orgUnit') return rec.org_unit_id === actor.orgUnitId;
  if (scope === 'orgUnitAndBelow') return isAtOrBelow(units, rec.org_unit_id, actor.orgUnitId);
  return false;
}

describe('resolveObjectAccess (property)', () => {
  it('a row is readable or writable exactly when some granting role scopes it in', () => {
    fc.assert(
      fc.property(world, ({ units, roles: rs, actor, records }) => {
        const access = resolveObjectAccess({
          object: 'deal',
          roles: rs,
          subject: actor,
          isAdmin: false,
          unitsBelow: actor.orgUnitId ? descendantsOf(units, actor.orgUnitId) : [],
        });
        const grants = rs.flatMap((r) => r.permissions).filter((p) => p.object === 'deal');
        for (const rec of records) {
          const readable = grants.some((g) => g.actions.includes('read') && inScope(g.readScope, units, actor, rec));
          expect(rowMatches(access.read, rec)).toBe(readable);
          for (const action of WRITE_ACTIONS) {
            const allowed = grants.some(
              (g) => g.actions.includes(action) && inScope(narrowerScope(g.writeScope ?? g.readScope, g.readScope), units, actor, rec),
            );
            expect(rowMatches(access.byAction[action] ?? NO_ROWS, rec)).toBe(allowed);
            // `write` is the union of the write actions: it admits every row one of them admits.
            if (allowed) expect(rowMatches(access.write, rec)).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('hides a field exactly when every role that reads the object hides it', () => {
    fc.assert(
      fc.property(world, ({ roles: rs, actor }) => {
        const access = resolveObjectAccess({ object: 'deal', roles: rs, subject: actor, isAdmin: false, unitsBelow: [] });
        const readers = rs.flatMap((r) => r.permissions).filter((p) => p.object === 'deal' && p.actions.includes('read'));
        for (const field of FIELDS) {
          const hidden = readers.length > 0 && readers.every((g) => g.fields?.[field] === 'hidden');
          expect(access.hidden.has(field)).toBe(hidden);
          if (hidden) expect(access.readOnly.has(field)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});
