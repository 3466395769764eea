import { rowMatches, type RowFilter } from '@tessera/engine';
import { AccessService } from '../../src/identity/access.service';
import { IdentityService } from '../../src/identity/identity.service';
import { createOrgMatrix, matrixRoleDocuments, type MatrixUser, type OrgMatrix } from '../support/org-matrix';
import { ADMIN_PASSWORD, startTesseraServer, type TesseraServer } from '../support/tessera-server';
import { publishDocuments, TEST_OBJECTS } from './identity.fixture';

const USERS: MatrixUser[] = ['rep_east', 'rep_south', 'manager_east', 'director', 'finance', 'gm', 'admin'];

/** The record rows each user would see: one row owned by each matrix user, filed under the owner's unit. */
const EXPECTED_ROWS: Record<MatrixUser, MatrixUser[]> = {
  rep_east: ['rep_east'],
  rep_south: ['rep_south'],
  manager_east: ['rep_east', 'manager_east'],
  director: USERS,
  finance: USERS,
  gm: USERS,
  admin: USERS,
};

/** Rows changeable by some write action (update, delete, moveStage, reassign); GM only reassigns, finance writes nothing. */
const EXPECTED_WRITE_ROWS: Record<MatrixUser, MatrixUser[]> = { ...EXPECTED_ROWS, finance: [] };

const EXPECTED_ACTIONS: Record<MatrixUser, string[]> = {
  rep_east: ['create', 'moveStage', 'read', 'update'],
  rep_south: ['create', 'moveStage', 'read', 'update'],
  manager_east: ['create', 'export', 'moveStage', 'read', 'reassign', 'update'],
  director: ['export', 'moveStage', 'read', 'reassign', 'update'],
  finance: ['export', 'read'],
  gm: ['export', 'read', 'reassign'],
  admin: ['create', 'delete', 'export', 'import', 'moveStage', 'read', 'reassign', 'update'],
};

/** Field rules: reps never see cost and cannot set discount; the manager sees cost but cannot change it. */
const EXPECTED_FIELDS: Record<MatrixUser, { hidden: string[]; readOnly: string[] }> = {
  rep_east: { hidden: ['cost'], readOnly: ['discount'] },
  rep_south: { hidden: ['cost'], readOnly: ['discount'] },
  manager_east: { hidden: [], readOnly: ['cost'] },
  director: { hidden: [], readOnly: [] },
  finance: { hidden: [], readOnly: [] },
  gm: { hidden: [], readOnly: [] },
  admin: { hidden: [], readOnly: [] },
};

describe('object access for the org matrix (rep 华东, rep 华南, 华东 manager, director, finance, GM, admin)', () => {
  let s: TesseraServer;
  let m: OrgMatrix;
  let rows: Array<{ owner: MatrixUser; owner_id: string; org_unit_id: string | null }>;

  beforeAll(async () => {
    s = await startTesseraServer();
    await publishDocuments(s.app, [
      ...TEST_OBJECTS,
      ...matrixRoleDocuments(['deal', 'account'], {
        sales_rep: { deal: { cost: 'hidden', discount: 'read' } },
        sales_manager: { deal: { cost: 'read' } },
      }),
    ]);
    m = await createOrgMatrix(s, ADMIN_PASSWORD);
    rows = USERS.map((u) => ({ owner: u, owner_id: m.users[u].id, org_unit_id: m.users[u].unit ? m.units[m.users[u].unit!].id : null }));
  });
  afterAll(() => s?.close());

  const actorOf = async (user: MatrixUser) => (await s.app.app.get(IdentityService).actorFor(m.users[user].id))!;
  const visible = (filter: RowFilter) => rows.filter((r) => rowMatches(filter, r)).map((r) => r.owner).sort();

  it.each(USERS)('%s reads exactly its scope of rows', async (user) => {
    const access = await s.app.app.get(AccessService).objectAccess(await actorOf(user), 'deal');
    expect(visible(access.read)).toEqual([...EXPECTED_ROWS[user]].sort());
  });

  it.each(USERS)('%s changes exactly its write scope of rows', async (user) => {
    const access = await s.app.app.get(AccessService).objectAccess(await actorOf(user), 'deal');
    expect(visible(access.write)).toEqual([...EXPECTED_WRITE_ROWS[user]].sort());
    expect(visible(access.byAction.update ?? { all: false, ownerIds: [], unitIds: [] })).toEqual(user === 'gm' ? [] : [...EXPECTED_WRITE_ROWS[user]].sort());
  });

  it('gives the regional manager the units of 华东 and below, not 华南', async () => {
    const access = await s.app.app.get(AccessService).objectAccess(await actorOf('manager_east'), 'deal');
    expect(access.read).toEqual({
      all: false,
      ownerIds: [m.users.manager_east.id],
      unitIds: expect.arrayContaining([m.units.east.id, m.units.east_shanghai.id, m.units.east_hangzhou.id]),
    });
    expect(access.read.all === false && access.read.unitIds).toHaveLength(3);
  });

  it.each(USERS)('GET /api/me tells %s its actions and field rules per object', async (user) => {
    const me = await m.users[user].api.get('/api/me');
    expect(me.status).toBe(200);
    const deal = me.body.objects.deal;
    expect([...deal.actions].sort()).toEqual(EXPECTED_ACTIONS[user]);
    expect(deal.hidden).toEqual(EXPECTED_FIELDS[user].hidden);
    expect(deal.readOnly).toEqual(EXPECTED_FIELDS[user].readOnly);
    expect(me.body.isAdmin).toBe(user === 'admin');
  });

  it('places each user in its unit and names its roles in /api/me', async () => {
    const me = (await m.users.rep_east.api.get('/api/me')).body;
    expect(me.orgUnit).toEqual({ id: m.units.east_shanghai.id, key: 'east_shanghai', label: { 'zh-CN': '上海办事处', en: 'Shanghai office' } });
    expect(me.roles).toEqual([{ key: 'sales_rep', label: { 'zh-CN': '销售代表', en: 'Sales rep' } }]);
    expect(me.capabilities).toEqual([]);
    expect((await m.users.gm.api.get('/api/me')).body.capabilities).toEqual(['approvalAdmin']);
  });

  it('refuses an action the roles do not grant with 403 naming object and action', async () => {
    const actor = await actorOf('finance');
    await expect(s.app.app.get(AccessService).require(actor, 'deal', 'update')).rejects.toMatchObject({
      status: 403,
      code: 'action-forbidden',
      detail: 'Your roles do not allow update on deal',
    });
    await expect(s.app.app.get(AccessService).require(actor, 'deal', 'export')).resolves.toMatchObject({ object: 'deal' });
  });

  it('gives nobody, not even admin, access to an object that is not published', async () => {
    for (const user of ['rep_east', 'admin'] as const) {
      const access = await s.app.app.get(AccessService).objectAccess(await actorOf(user), 'invoice');
      expect(access.actions.size).toBe(0);
      expect(visible(access.read)).toEqual([]);
    }
  });

  it('unions the roles of a user holding several', async () => {
    const res = await s.admin.put(`/api/admin/users/${m.users.rep_south.id}/roles`, { roles: ['sales_rep', 'finance'] });
    expect(res.status).toBe(200);
    const access = await s.app.app.get(AccessService).objectAccess(await actorOf('rep_south'), 'deal');
    expect(visible(access.read)).toEqual([...USERS].sort());
    // Finance reads every row, but writes stay the rep's own.
    expect(visible(access.write)).toEqual(['rep_south']);
    // A field is hidden only if every reading role hides it: finance shows cost.
    expect([...access.hidden]).toEqual([]);
    // Cost is shown now, but the only role that may update hides it: read-only.
    expect([...access.readOnly].sort()).toEqual(['cost', 'discount']);
    await s.admin.put(`/api/admin/users/${m.users.rep_south.id}/roles`, { roles: ['sales_rep'] });
  });

  it('follows a republished role at once', async () => {
    await publishDocuments(s.app, [
      ...TEST_OBJECTS,
      ...matrixRoleDocuments(['deal', 'account']).map((r) =>
        r.key === 'sales_rep' ? { ...r, permissions: r.permissions.map((p) => ({ ...p, readScope: 'orgUnitAndBelow' as const })) } : r,
      ),
    ]);
    const access = await s.app.app.get(AccessService).objectAccess(await actorOf('rep_east'), 'deal');
    expect(visible(access.read)).toEqual(['rep_east']);
    const wide = await s.app.app.get(AccessService).objectAccess({ ...(await actorOf('rep_east')), orgUnitId: m.units.east.id }, 'deal');
    expect(visible(wide.read)).toEqual(['manager_east', 'rep_east']);
  });
});
