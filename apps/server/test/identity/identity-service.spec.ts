import { Logger } from '@nestjs/common';
import type { OrgDefinition } from '@tessera/metadata';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '../../src/identity/actor';
import { IdentityService } from '../../src/identity/identity.service';
import { OrgUnitsService } from '../../src/identity/org-units/org-units.service';
import { createOrgMatrix, matrixRoleDocuments, type OrgMatrix } from '../support/org-matrix';
import { startTestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-database';
import { ADMIN_PASSWORD, startTesseraServer, type TesseraServer } from '../support/tessera-server';
import { publishDocuments, TEST_OBJECTS } from './identity.fixture';

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });

describe('IdentityService over the org matrix', () => {
  let s: TesseraServer;
  let m: OrgMatrix;
  let identity: IdentityService;

  beforeAll(async () => {
    s = await startTesseraServer();
    await publishDocuments(s.app, [...TEST_OBJECTS, ...matrixRoleDocuments(['deal'])]);
    m = await createOrgMatrix(s, ADMIN_PASSWORD);
    identity = s.app.app.get(IdentityService);
  });
  afterAll(() => s?.close());

  it('knows each user and their unit', async () => {
    expect(await identity.user(m.users.rep_east.id)).toMatchObject({ username: 'rep_east', orgUnitId: m.units.east_shanghai.id, roles: ['sales_rep'] });
    expect(await identity.unitOf(m.users.rep_south.id)).toBe(m.units.south_guangzhou.id);
    expect(await identity.unitOf(m.users.admin.id)).toBeNull();
    await expect(identity.unitOf('00000000-0000-7000-8000-000000000000')).rejects.toMatchObject({ code: 'user-unknown' });
    expect((await identity.usersByIds([m.users.gm.id, m.users.gm.id, 'nonsense', m.users.finance.id])).map((u) => u.username).sort()).toEqual(['finance', 'gm']);
    expect(await identity.user('nonsense')).toBeNull();
  });

  it('walks the unit chain up and the descendants down', async () => {
    expect(await identity.unitChain(m.units.east_hangzhou.id)).toEqual([m.units.east_hangzhou.id, m.units.east.id, m.units.company.id]);
    expect((await identity.descendants(m.units.east.id)).sort()).toEqual([m.units.east.id, m.units.east_shanghai.id, m.units.east_hangzhou.id].sort());
    expect(await identity.descendants(m.units.company.id)).toHaveLength(6);
    expect(await identity.unitChain('00000000-0000-7000-8000-000000000000')).toEqual([]);
  });

  it("finds a user's manager: their unit's, or above when they manage it or it has none", async () => {
    expect(await identity.managerOf(m.users.rep_east.id)).toBe(m.users.manager_east.id);
    expect(await identity.managerOf(m.users.manager_east.id)).toBe(m.users.gm.id);
    // 华南 has no manager: the company's.
    expect(await identity.managerOf(m.users.rep_south.id)).toBe(m.users.gm.id);
    expect(await identity.managerOf(m.users.gm.id)).toBeNull();
    expect(await identity.managerOf(m.users.admin.id)).toBeNull();
  });

  it('skips a disabled manager', async () => {
    await s.admin.post(`/api/admin/users/${m.users.manager_east.id}/disable`);
    expect(await identity.managerOf(m.users.rep_east.id)).toBe(m.users.gm.id);
    await s.admin.post(`/api/admin/users/${m.users.manager_east.id}/enable`);
  });

  it('finds enabled holders of a role, optionally within units', async () => {
    expect((await identity.usersWithRole('sales_rep')).map((u) => u.username).sort()).toEqual(['rep_east', 'rep_south']);
    const chain = await identity.unitChain(m.units.east_shanghai.id);
    expect((await identity.usersWithRole('sales_rep', chain)).map((u) => u.username)).toEqual(['rep_east']);
    expect((await identity.usersWithRole('sales_manager', await identity.unitChain(m.units.south_guangzhou.id))).map((u) => u.username)).toEqual([]);
  });

  it('builds the Actor of a user', async () => {
    expect(await identity.actorFor(m.users.director.id)).toEqual({
      kind: 'user',
      userId: m.users.director.id,
      username: 'director',
      orgUnitId: m.units.company.id,
      roles: ['sales_director'],
      isAdmin: false,
      locale: 'zh-CN',
    });
    expect(SYSTEM_ACTOR.isAdmin).toBe(true);
  });

  describe('syncOrgUnits', () => {
    const org = (units: OrgDefinition['units']): OrgDefinition => ({ kind: 'org', key: 'pack_org', label: label('组织', 'Org'), units });

    it('creates new units, updates named ones and leaves the rest alone', async () => {
      const units = s.app.app.get(OrgUnitsService);
      const result = await units.syncOrgUnits(
        org([
          { key: 'west_chengdu', label: label('成都办事处', 'Chengdu office'), parent: 'west' },
          { key: 'west', label: label('西部区', 'West China'), parent: 'company' },
          { key: 'south', label: label('华南大区', 'South China region'), parent: 'company' },
          { key: 'east', label: label('华东区', 'East China'), parent: 'company' },
        ]),
      );
      expect(result).toEqual({ created: ['west', 'west_chengdu'], updated: ['south'], unchanged: ['east'] });
      const tree = await units.tree();
      const byKey = new Map(tree.map((u) => [u.key, u]));
      expect(byKey.get('west_chengdu')!.parentId).toBe(byKey.get('west')!.id);
      expect(byKey.get('south')).toMatchObject({ id: m.units.south.id, label: label('华南大区', 'South China region') });
      // Managers are run-time data: a sync keeps them.
      expect(byKey.get('east')!.managerUserId).toBe(m.users.manager_east.id);
      expect(byKey.get('south_guangzhou')!.parentId).toBe(m.units.south.id);
      expect(await units.syncOrgUnits(org([{ key: 'west', label: label('西部区', 'West China'), parent: 'company' }]))).toEqual({ created: [], updated: [], unchanged: ['west'] });
    });

    it('refuses a document that would make a cycle with units it does not name, changing nothing', async () => {
      const units = s.app.app.get(OrgUnitsService);
      const before = await units.tree();
      // east_shanghai stays below east; putting east below east_shanghai closes a loop.
      await expect(units.syncOrgUnits(org([{ key: 'east', label: label('华东区', 'East China'), parent: 'east_shanghai' }, { key: 'north', label: label('华北区', 'North') }]))).rejects.toMatchObject({ code: 'org-cycle' });
      expect(await units.tree()).toEqual(before);
    });

    it("joins the caller's transaction", async () => {
      const units = s.app.app.get(OrgUnitsService);
      await s.app.app
        .get(DataSource)
        .transaction(async (tx) => {
          await units.syncOrgUnits(org([{ key: 'north', label: label('华北区', 'North') }]), tx);
          throw new Error('pack import failed later');
        })
        .catch(() => undefined);
      expect((await units.tree()).some((u) => u.key === 'north')).toBe(false);
    });
  });
});

describe('the initial admin', () => {
  it('gets a generated password, logged once, when ADMIN_PASSWORD is unset', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const db = await createTestDatabase();
    const env = db ? { DATABASE_URL: db.url } : {};
    let app = await startTestApp(env);
    const dataDir = app.dataDir;
    try {
      const lines = warn.mock.calls.map(([message]) => String(message)).filter((line) => line.includes('initial user'));
      expect(lines).toHaveLength(1);
      const password = /generated password (\S+) /.exec(lines[0])![1];
      const res = await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { user: { roles: string[] } }).user.roles).toEqual(['admin']);
      // A second start finds the admin and neither creates nor logs again.
      await app.tessera.close();
      app = await startTestApp({ ...env, DATA_DIR: dataDir });
      expect(warn.mock.calls.filter(([message]) => String(message).includes('initial user'))).toHaveLength(1);
      expect(await app.app.get(DataSource).query(`SELECT count(*)::int AS n FROM app_user WHERE username = 'admin'`)).toEqual([{ n: 1 }]);
    } finally {
      warn.mockRestore();
      await app.close();
      const { rm } = await import('node:fs/promises');
      await rm(dataDir, { recursive: true, force: true });
      await db?.drop();
    }
  });
});
