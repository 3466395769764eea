import { DataSource } from 'typeorm';
import { AuditService } from '../../src/audit/audit.service';
import type { ApiResponse } from '../support/api-client';
import { ADMIN_PASSWORD, startTesseraServer, type TesseraServer } from '../support/tessera-server';

describe('audit log', () => {
  let s: TesseraServer;
  let db: DataSource;
  let audit: AuditService;

  beforeAll(async () => {
    s = await startTesseraServer();
    db = s.app.app.get(DataSource);
    audit = s.app.app.get(AuditService);
    // A few events of known kinds to filter on.
    for (let i = 0; i < 3; i++) await s.anonymous.post('/api/auth/login', { username: 'admin', password: `wrong-${i}` });
    await s.anonymous.post('/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    for (let i = 0; i < 5; i++) await audit.record({ action: 'record.transferred', actorId: null, target: { type: 'deal', id: `deal-${i}` }, details: { i } });
  });
  afterAll(() => s?.close());

  describe('is append-only', () => {
    it.each([
      ['UPDATE', `UPDATE audit_log SET action = 'tampered'`],
      ['DELETE', `DELETE FROM audit_log`],
      ['TRUNCATE', `TRUNCATE audit_log`],
    ])('refuses %s in the database itself', async (op, sql) => {
      const before = await db.query(`SELECT count(*) AS n FROM audit_log WHERE action = 'tampered'`);
      await expect(db.query(sql)).rejects.toThrow(`audit_log is append-only: ${op} refused`);
      expect(await db.query(`SELECT count(*) AS n FROM audit_log WHERE action = 'tampered'`)).toEqual(before);
      expect(Number((await db.query(`SELECT count(*) AS n FROM audit_log`))[0].n)).toBeGreaterThan(0);
    });
  });

  describe('AuditService.record', () => {
    it("commits and rolls back with the caller's transaction", async () => {
      await db.transaction((m) => audit.record({ action: 'test.committed', target: { type: 'deal', id: 'tx-1' } }, m));
      await db
        .transaction(async (m) => {
          await audit.record({ action: 'test.rolled_back', target: { type: 'deal', id: 'tx-2' } }, m);
          throw new Error('abort');
        })
        .catch(() => undefined);
      const rows = await db.query(`SELECT action FROM audit_log WHERE action LIKE 'test.%'`);
      expect(rows).toEqual([{ action: 'test.committed' }]);
    });

    it('takes request id, client IP and actor from the request being served', async () => {
      const login = await s.anonymous.post('/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD }, { 'x-request-id': 'audit-trace-1' });
      const me = login.body.user.id;
      await s.anonymous.as(login.body.accessToken).put(`/api/admin/users/${me}/roles`, { roles: ['admin'] }, { 'x-request-id': 'audit-trace-2' });
      const [loginRow] = await db.query(`SELECT action, actor_id, actor_name, ip, request_id FROM audit_log WHERE request_id = 'audit-trace-1'`);
      expect(loginRow).toEqual({ action: 'auth.login', actor_id: me, actor_name: 'admin', ip: expect.stringMatching(/127\.0\.0\.1/), request_id: 'audit-trace-1' });
      // No change of roles: nothing to audit.
      expect(await db.query(`SELECT 1 FROM audit_log WHERE request_id = 'audit-trace-2'`)).toEqual([]);
    });
  });

  describe('GET /api/admin/audit', () => {
    const get = (query: string): Promise<ApiResponse> => s.admin.get(`/api/admin/audit${query}`);

    it('returns newest first with every field', async () => {
      const res = await get('?action=record.transferred');
      expect(res.status).toBe(200);
      expect(res.body.items.map((e: { details: { i: number } }) => e.details.i)).toEqual([4, 3, 2, 1, 0]);
      expect(res.body.items[0]).toEqual({
        id: expect.any(String),
        at: expect.any(String),
        action: 'record.transferred',
        actorId: null,
        actorName: null,
        target: { type: 'deal', id: 'deal-4' },
        details: { i: 4 },
        ip: null,
        requestId: null,
      });
      expect(res.body.nextCursor).toBeNull();
    });

    it('filters by action prefix, actor, target and time', async () => {
      const failed = await get('?action=auth.login_failed');
      expect(failed.body.items).toHaveLength(3);
      const auth = await get('?action=auth.*');
      expect(auth.body.items.every((e: { action: string }) => e.action.startsWith('auth.'))).toBe(true);
      expect(auth.body.items.length).toBeGreaterThan(3);
      const both = await get('?action=auth.login_failed,record.transferred');
      expect(both.body.items).toHaveLength(8);
      const adminId = failed.body.items[0].actorId;
      expect((await get(`?actorId=${adminId}&action=auth.login_failed`)).body.items).toHaveLength(3);
      expect((await get('?targetType=deal&targetId=deal-2')).body.items.map((e: { details: unknown }) => e.details)).toEqual([{ i: 2 }]);
      expect((await get('?from=2999-01-01')).body.items).toEqual([]);
      expect((await get('?to=2000-01-01')).body.items).toEqual([]);
    });

    it('pages with a cursor without gaps or repeats', async () => {
      const all = (await get('?limit=200')).body.items.map((e: { id: string }) => e.id);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: ApiResponse = await get(`?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.body.items.map((e: { id: string }) => e.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all);
      expect([...all].sort().reverse()).toEqual(all);
    });

    it('points at bad parameters (400)', async () => {
      const res = await get('?limit=0&actorId=x&from=yesterday&cursor=zz&action=Bad Action');
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/action', '/actorId', '/cursor', '/from', '/limit']);
    });
  });
});
