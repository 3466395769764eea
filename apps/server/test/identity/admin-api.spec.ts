import type { MetadataDocument } from '@tessera/metadata';
import { DataSource } from 'typeorm';
import type { ApiClient, ApiResponse } from '../support/api-client';
import { createOrgMatrix, matrixRoleDocuments, type OrgMatrix } from '../support/org-matrix';
import { ADMIN_PASSWORD, startTesseraServer, type TesseraServer } from '../support/tessera-server';
import { publishDocuments, TEST_OBJECTS } from './identity.fixture';

const HR_ROLE = { kind: 'role', key: 'hr_admin', label: { 'zh-CN': '人事管理员', en: 'HR admin' }, capabilities: ['userAdmin'], permissions: [] } as MetadataDocument;

function expectProblem(res: ApiResponse, status: number, code: string): void {
  expect([res.status, res.body?.type]).toEqual([status, `https://tessera.dev/problems/${code}`]);
}

describe('admin API: users, org units, API keys', () => {
  let s: TesseraServer;
  let m: OrgMatrix;
  let admin: ApiClient;
  let db: DataSource;
  const audit = (action: string, targetId: string) =>
    db.query(`SELECT actor_id, actor_name, details, request_id FROM audit_log WHERE action = $1 AND target_id = $2 ORDER BY id`, [action, targetId]);

  beforeAll(async () => {
    s = await startTesseraServer();
    await publishDocuments(s.app, [...TEST_OBJECTS, ...matrixRoleDocuments(['deal', 'account']), HR_ROLE]);
    m = await createOrgMatrix(s, ADMIN_PASSWORD);
    admin = m.users.admin.api;
    db = s.app.app.get(DataSource);
  });
  afterAll(() => s?.close());

  describe('authorization', () => {
    // Three items each: a shorter row would hand Jest's done callback to the test as `body`.
    const endpoints: Array<[string, string, unknown]> = [
      ['GET', '/api/admin/users', undefined],
      ['POST', '/api/admin/users', { username: 'x_user', displayName: 'X', password: 'password-1' }],
      ['PUT', '/api/admin/users/00000000-0000-7000-8000-000000000000/roles', { roles: [] }],
      ['POST', '/api/admin/users/00000000-0000-7000-8000-000000000000/disable', undefined],
      ['GET', '/api/admin/org-units', undefined],
      ['POST', '/api/admin/org-units', { key: 'x_unit', label: { 'zh-CN': 'X', en: 'X' } }],
      ['DELETE', '/api/admin/org-units/00000000-0000-7000-8000-000000000000', undefined],
      ['GET', '/api/admin/api-keys', undefined],
      ['POST', '/api/admin/api-keys', { name: 'x', roles: [] }],
      ['GET', '/api/admin/audit', undefined],
    ];

    it.each(endpoints)('a rep gets 403 on %s %s', async (method, path, body) => {
      const res = await m.users.rep_east.api.send(method, path, body, {});
      expect(res.status).toBe(403);
    });

    it.each(endpoints)('nobody signed in gets 401 on %s %s', async (method, path, body) => {
      expectProblem(await s.anonymous.send(method, path, body, {}), 401, 'unauthenticated');
    });

    it('lets a userAdmin manage users but not read the audit log nor grant admin', async () => {
      const hr = await admin.post('/api/admin/users', { username: 'hr_person', displayName: '人事', password: 'hr-password-1', roles: ['hr_admin'] });
      expect(hr.status).toBe(201);
      const token = (await s.anonymous.post('/api/auth/login', { username: 'hr_person', password: 'hr-password-1' })).body.accessToken;
      const api = s.anonymous.as(token);
      expect((await api.get('/api/admin/users')).status).toBe(200);
      expectProblem(await api.get('/api/admin/audit'), 403, 'admin-only');
      expectProblem(await api.put(`/api/admin/users/${m.users.finance.id}/roles`, { roles: ['finance', 'admin'] }), 403, 'admin-only');
      expect((await api.put(`/api/admin/users/${m.users.finance.id}/roles`, { roles: ['finance', 'gm'] })).status).toBe(200);
      expect((await api.put(`/api/admin/users/${m.users.finance.id}/roles`, { roles: ['finance'] })).body.roles).toEqual(['finance']);
    });
  });

  describe('users', () => {
    let id: string;

    it('creates a user (201) in a unit with roles, and audits it', async () => {
      const res = await admin.post('/api/admin/users', {
        username: 'zhang_san',
        displayName: '张三',
        password: 'zhang-san-pass',
        orgUnitId: m.units.east_hangzhou.id,
        roles: ['sales_rep'],
        locale: 'en',
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ id: expect.any(String), username: 'zhang_san', displayName: '张三', orgUnitId: m.units.east_hangzhou.id, locale: 'en', roles: ['sales_rep'], disabled: false, lockedUntil: null });
      id = res.body.id;
      expect(res.body).not.toHaveProperty('passwordHash');
      const [row] = await audit('user.created', id);
      expect(row).toMatchObject({ actor_id: m.users.admin.id, actor_name: 'admin', details: { username: 'zhang_san', roles: ['sales_rep'] }, request_id: expect.any(String) });
    });

    it('refuses a taken username in any case (409 at /username)', async () => {
      const res = await admin.post('/api/admin/users', { username: 'Zhang_San', displayName: 'x', password: 'password-1' });
      expectProblem(res, 409, 'username-taken');
      expect(res.body.errors).toEqual([expect.objectContaining({ path: '/username', code: 'unique' })]);
    });

    it('points at every bad field of the body (400)', async () => {
      const res = await admin.post('/api/admin/users', { username: 'bad name', password: 'short', roles: ['Bad-Key'], locale: 'fr' });
      expectProblem(res, 400, 'body-invalid');
      expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/displayName', '/locale', '/password', '/roles/0', '/username']);
    });

    it('refuses roles that are not published (422 at the role)', async () => {
      const res = await admin.post('/api/admin/users', { username: 'li_si', displayName: '李四', password: 'password-1', roles: ['sales_rep', 'no_such_role'] });
      expectProblem(res, 422, 'role-unknown');
      expect(res.body.errors).toEqual([{ path: '/roles/1', code: 'role.unknown', message: 'no published role no_such_role' }]);
    });

    it('refuses an org unit that does not exist (422 at /orgUnitId)', async () => {
      const res = await admin.post('/api/admin/users', { username: 'wang_wu', displayName: '王五', password: 'password-1', orgUnitId: '00000000-0000-7000-8000-000000000000' });
      expectProblem(res, 422, 'org-unit-unknown');
      expect(res.body.errors[0].path).toBe('/orgUnitId');
    });

    it('lists with filters and cursor pages', async () => {
      const byRole = await admin.get('/api/admin/users?role=sales_rep');
      expect(byRole.body.items.map((u: { username: string }) => u.username).sort()).toEqual(['rep_east', 'rep_south', 'zhang_san']);
      const byUnit = await admin.get(`/api/admin/users?orgUnitId=${m.units.company.id}`);
      expect(byUnit.body.items.map((u: { username: string }) => u.username).sort()).toEqual(['director', 'finance', 'gm']);
      expect((await admin.get('/api/admin/users?q=张')).body.items.map((u: { username: string }) => u.username)).toEqual(['zhang_san']);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: ApiResponse = await admin.get(`/api/admin/users?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.body.items.length).toBeLessThanOrEqual(3);
        seen.push(...page.body.items.map((u: { id: string }) => u.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      const all = await admin.get('/api/admin/users?limit=200');
      expect(seen).toEqual(all.body.items.map((u: { id: string }) => u.id));
      expect(new Set(seen).size).toBe(seen.length);
    });

    it('updates name, unit and locale', async () => {
      const res = await admin.patch(`/api/admin/users/${id}`, { displayName: '张三丰', orgUnitId: m.units.east_shanghai.id });
      expect(res.body).toMatchObject({ displayName: '张三丰', orgUnitId: m.units.east_shanghai.id, locale: 'en' });
      const [row] = await audit('user.updated', id);
      expect(row.details).toEqual({ changes: { displayName: '张三丰', orgUnitId: m.units.east_shanghai.id } });
    });

    it('replaces roles and audits before and after', async () => {
      const res = await admin.put(`/api/admin/users/${id}/roles`, { roles: ['sales_manager'] });
      expect(res.body.roles).toEqual(['sales_manager']);
      const [row] = await audit('user.roles_changed', id);
      expect(row.details).toMatchObject({ before: ['sales_rep'], after: ['sales_manager'], added: ['sales_manager'], removed: ['sales_rep'] });
    });

    it('resets a password: old sessions end, the new password works', async () => {
      const old = (await s.anonymous.post('/api/auth/login', { username: 'zhang_san', password: 'zhang-san-pass' })).body.accessToken;
      expect((await admin.post(`/api/admin/users/${id}/password`, { password: 'brand-new-pass' })).status).toBe(200);
      expectProblem(await s.anonymous.as(old).get('/api/me'), 401, 'session-revoked');
      expect((await s.anonymous.post('/api/auth/login', { username: 'zhang_san', password: 'zhang-san-pass' })).status).toBe(401);
      expect((await s.anonymous.post('/api/auth/login', { username: 'zhang_san', password: 'brand-new-pass' })).status).toBe(200);
    });

    it('lets a user change their own password with the current one', async () => {
      const token = (await s.anonymous.post('/api/auth/login', { username: 'zhang_san', password: 'brand-new-pass' })).body.accessToken;
      const api = s.anonymous.as(token);
      expectProblem(await api.post('/api/me/password', { currentPassword: 'wrong-one', newPassword: 'another-pass-1' }), 403, 'password-wrong');
      expect((await api.post('/api/me/password', { currentPassword: 'brand-new-pass', newPassword: 'another-pass-1' })).status).toBe(204);
      expect((await s.anonymous.post('/api/auth/login', { username: 'zhang_san', password: 'another-pass-1' })).status).toBe(200);
    });

    it('keeps at least one administrator and refuses to disable oneself', async () => {
      expectProblem(await admin.post(`/api/admin/users/${m.users.admin.id}/disable`), 409, 'cannot-disable-self');
      expectProblem(await admin.put(`/api/admin/users/${m.users.admin.id}/roles`, { roles: [] }), 409, 'last-admin');
      expect((await admin.put(`/api/admin/users/${m.users.director.id}/roles`, { roles: ['sales_director', 'admin'] })).status).toBe(200);
      expect((await admin.put(`/api/admin/users/${m.users.director.id}/roles`, { roles: ['sales_director'] })).status).toBe(200);
    });

    it('answers 404 for an unknown or malformed user id', async () => {
      expectProblem(await admin.get('/api/admin/users/00000000-0000-7000-8000-000000000000'), 404, 'not-found');
      expectProblem(await admin.get('/api/admin/users/not-a-uuid'), 404, 'not-found');
    });
  });

  describe('org units', () => {
    it('lists the tree parents first with depth and member counts', async () => {
      const res = await admin.get('/api/admin/org-units');
      const items = res.body.items as Array<{ key: string; depth: number; memberCount: number; managerUserId: string | null }>;
      const keys = items.map((u) => u.key);
      expect(keys.indexOf('company')).toBe(0);
      expect(keys.indexOf('east')).toBeLessThan(keys.indexOf('east_shanghai'));
      expect(items.find((u) => u.key === 'east_shanghai')).toMatchObject({ depth: 2, memberCount: 2 });
      expect(items.find((u) => u.key === 'east')).toMatchObject({ depth: 1, managerUserId: m.users.manager_east.id });
    });

    it('refuses a duplicate key (409) and a move below itself (422 org-cycle)', async () => {
      expectProblem(await admin.post('/api/admin/org-units', { key: 'east', label: { 'zh-CN': '重复', en: 'Dup' } }), 409, 'org-unit-key-taken');
      const res = await admin.patch(`/api/admin/org-units/${m.units.east.id}`, { parentId: m.units.east_hangzhou.id });
      expectProblem(res, 422, 'org-cycle');
      expect(res.body.errors[0].path).toBe('/parentId');
      expect((await admin.get(`/api/admin/org-units/${m.units.east.id}`)).body.parentId).toBe(m.units.company.id);
    });

    it('moves a unit, sets a manager, adds members and deletes only empty units', async () => {
      const west = (await admin.post('/api/admin/org-units', { key: 'west', label: { 'zh-CN': '西部区', en: 'West' }, parentId: m.units.company.id })).body;
      const chengdu = (await admin.post('/api/admin/org-units', { key: 'west_chengdu', label: { 'zh-CN': '成都办事处', en: 'Chengdu' }, parentId: m.units.south.id })).body;
      expect((await admin.patch(`/api/admin/org-units/${chengdu.id}`, { parentId: west.id })).body.parentId).toBe(west.id);
      expect((await admin.put(`/api/admin/org-units/${west.id}/manager`, { userId: m.users.director.id })).body.managerUserId).toBe(m.users.director.id);
      const members = await admin.post(`/api/admin/org-units/${chengdu.id}/members`, { userIds: [m.users.rep_south.id] });
      expect(members.body.items.map((u: { username: string }) => u.username)).toEqual(['rep_south']);
      expectProblem(await admin.delete(`/api/admin/org-units/${chengdu.id}`), 409, 'org-unit-not-empty');
      expectProblem(await admin.delete(`/api/admin/org-units/${west.id}`), 409, 'org-unit-not-empty');
      await admin.post(`/api/admin/org-units/${m.units.south_guangzhou.id}/members`, { userIds: [m.users.rep_south.id] });
      expect((await admin.delete(`/api/admin/org-units/${chengdu.id}`)).status).toBe(204);
      expectProblem(await admin.get(`/api/admin/org-units/${chengdu.id}`), 404, 'not-found');
      expect((await audit('org_unit.deleted', chengdu.id)).length).toBe(1);
    });
  });

  describe('API keys', () => {
    let keyId: string;
    let key: string;

    it('shows the key once and stores only its hash', async () => {
      await admin.put(`/api/admin/users/${m.users.manager_east.id}/roles`, { roles: ['sales_manager', 'finance'] });
      const res = await admin.post('/api/admin/api-keys', { name: 'ERP sync', userId: m.users.manager_east.id, roles: ['finance'] });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ name: 'ERP sync', userId: m.users.manager_east.id, roles: ['finance'], revokedAt: null });
      key = res.body.key;
      keyId = res.body.id;
      expect(key).toMatch(/^tsk_[0-9a-f]{12}_[\w-]{43}$/);
      expect(key.startsWith(res.body.prefix)).toBe(true);
      const listed = (await admin.get('/api/admin/api-keys')).body.items.find((k: { id: string }) => k.id === keyId);
      expect(listed).not.toHaveProperty('key');
      const [row] = await db.query(`SELECT secret_hash FROM api_key WHERE id = $1`, [keyId]);
      expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(key).not.toContain(row.secret_hash);
    });

    it('acts as its user with only the key roles', async () => {
      const me = await s.anonymous.as(key).get('/api/me');
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ user: { username: 'manager_east', kind: 'api_key' }, roles: [{ key: 'finance' }] });
      expect(me.body.objects.deal.actions.sort()).toEqual(['export', 'read']);
      expectProblem(await s.anonymous.as(key).get('/api/admin/users'), 403, 'capability-missing');
    });

    it('loses a role its user no longer holds', async () => {
      await admin.put(`/api/admin/users/${m.users.manager_east.id}/roles`, { roles: ['sales_manager'] });
      const me = await s.anonymous.as(key).get('/api/me');
      expect(me.body.roles).toEqual([]);
      expect(me.body.objects).toEqual({});
    });

    it('audits its use at most once a minute', async () => {
      await s.anonymous.as(key).get('/api/me');
      const rows = await audit('api_key.used', keyId);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ actor_id: m.users.manager_east.id, details: { name: 'ERP sync', method: 'GET', path: '/api/me' } });
    });

    it('carries only roles its user holds (422 at the role)', async () => {
      const res = await admin.post('/api/admin/api-keys', { name: 'bad', userId: m.users.rep_east.id, roles: ['sales_rep', 'gm'] });
      expectProblem(res, 422, 'role-not-held');
      expect(res.body.errors).toEqual([{ path: '/roles/1', code: 'role.not_held', message: 'rep_east does not hold gm' }]);
    });

    it('stops working once revoked, expired or its user is disabled', async () => {
      expect((await admin.delete(`/api/admin/api-keys/${keyId}`)).body.revokedAt).toEqual(expect.any(String));
      expectProblem(await s.anonymous.as(key).get('/api/me'), 401, 'api-key-revoked');
      expect((await audit('api_key.revoked', keyId)).length).toBe(1);

      const expired = await admin.post('/api/admin/api-keys', { name: 'old', userId: m.users.rep_east.id, roles: ['sales_rep'], expiresAt: '2020-01-01T00:00:00Z' });
      expectProblem(await s.anonymous.as(expired.body.key).get('/api/me'), 401, 'api-key-expired');

      const rep = await admin.post('/api/admin/api-keys', { name: 'rep key', userId: m.users.rep_south.id, roles: ['sales_rep'] });
      expect((await s.anonymous.as(rep.body.key).get('/api/me')).status).toBe(200);
      await admin.post(`/api/admin/users/${m.users.rep_south.id}/disable`);
      expectProblem(await s.anonymous.as(rep.body.key).get('/api/me'), 403, 'user-disabled');
      await admin.post(`/api/admin/users/${m.users.rep_south.id}/enable`);
    });

    it('refuses a made-up key', async () => {
      expectProblem(await s.anonymous.as(`tsk_${'0'.repeat(12)}_${'a'.repeat(43)}`).get('/api/me'), 401, 'api-key-invalid');
      expectProblem(await s.anonymous.as(key.slice(0, -1) + (key.endsWith('a') ? 'b' : 'a')).get('/api/me'), 401, 'api-key-invalid');
    });
  });
});
