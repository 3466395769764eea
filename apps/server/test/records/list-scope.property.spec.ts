import fc from 'fast-check';
import type { ObjectPermission, RoleDefinition } from '@tessera/metadata';
import { descendantsOf, resolveObjectAccess, rowMatches, type OrgTreeNode } from '@tessera/engine';
import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { listSql } from '../../src/records/sql/record-select.sql';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The list query in SQL, under the scope computed from random org trees and role
 * sets, returns exactly the rows the scope admits: never a row outside it, never
 * one missing. (The engine's property test ties the scope to the role semantics.)
 */
const uuid = (prefix: number, i: number) => `00000000-0000-7000-8000-${String(prefix).padStart(4, '0')}${String(i).padStart(8, '0')}`;
const unitId = (i: number) => uuid(1, i);
const userId = (i: number) => uuid(2, i);

const orgTree = fc.integer({ min: 1, max: 10 }).chain((n) =>
  fc.tuple(...Array.from({ length: n }, (_, i) => (i === 0 ? fc.constant(null) : fc.option(fc.nat({ max: i - 1 }), { freq: 4 })))).map(
    (parents): OrgTreeNode[] => parents.map((p, i) => ({ id: unitId(i), parentId: p === null ? null : unitId(p) })),
  ),
);
const grant: fc.Arbitrary<ObjectPermission> = fc.record({
  object: fc.constant('prop_item'),
  actions: fc.constant(['read'] as ObjectPermission['actions']),
  readScope: fc.constantFrom('own', 'orgUnit', 'orgUnitAndBelow', 'all'),
});
const world = orgTree.chain((units) => {
  const unit = fc.option(fc.constantFrom(...units.map((u) => u.id)), { freq: 5 });
  return fc.record({
    units: fc.constant(units),
    roles: fc.array(fc.array(grant, { maxLength: 2 }), { maxLength: 3 }).map((sets) =>
      sets.map((permissions, i): RoleDefinition => ({ kind: 'role', key: `r${i}`, label: { 'zh-CN': '角色', en: 'Role' }, permissions })),
    ),
    actor: fc.record({ userId: fc.constantFrom(userId(0), userId(1)), orgUnitId: unit }),
    rows: fc.array(fc.record({ owner_id: fc.constantFrom(userId(0), userId(1), userId(2)), org_unit_id: unit, deleted: fc.boolean() }), { maxLength: 30 }),
  });
});

describe('record list scope (property, in SQL)', () => {
  let db: TestDatabase | undefined;
  let client: { query(text: string, values?: unknown[]): Promise<{ rows: any[] }>; end(): Promise<void> };

  beforeAll(async () => {
    // PostgreSQL from DATABASE_URL, else the embedded PGlite the default start uses.
    db = await createTestDatabase();
    if (db) {
      const pg = new Client({ connectionString: db.url });
      await pg.connect();
      client = pg;
    } else {
      const lite = new PGlite();
      client = { query: (text, values) => lite.query(text, values), end: () => lite.close() };
    }
    await client.query(`CREATE SCHEMA data`);
    await client.query(`CREATE TABLE data.prop_item (id uuid PRIMARY KEY, version int NOT NULL DEFAULT 1, owner_id uuid NOT NULL, org_unit_id uuid, created_at timestamptz(3) NOT NULL DEFAULT now(), created_by uuid, updated_at timestamptz(3) NOT NULL DEFAULT now(), updated_by uuid, deleted_at timestamptz(3))`);
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it('never returns a row outside the computed scope, nor misses one inside', async () => {
    await fc.assert(
      fc.asyncProperty(world, async ({ units, roles, actor, rows }) => {
        await client.query('TRUNCATE data.prop_item');
        for (const [i, r] of rows.entries()) {
          await client.query(`INSERT INTO data.prop_item (id, owner_id, org_unit_id, deleted_at) VALUES ($1, $2, $3, $4)`, [uuid(3, i), r.owner_id, r.org_unit_id, r.deleted ? new Date() : null]);
        }
        const access = resolveObjectAccess({ object: 'prop_item', roles, subject: actor, isAdmin: false, unitsBelow: actor.orgUnitId ? descendantsOf(units, actor.orgUnitId) : [] });
        const sql = listSql({ object: 'prop_item', fields: new Map(), searchFields: [], scope: access.read, query: { sort: [{ field: 'created_at', direction: 'desc' }], limit: 100, expand: [] } });
        const got = (await client.query(sql.text, sql.values)).rows.map((r: { id: string }) => r.id).sort();
        const expected = rows.map((r, i) => ({ ...r, id: uuid(3, i) })).filter((r) => !r.deleted && rowMatches(access.read, r)).map((r) => r.id).sort();
        expect(got).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});
