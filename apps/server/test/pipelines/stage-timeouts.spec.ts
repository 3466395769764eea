import type { Action } from '@tessera/metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { pipelineMetadata } from '../fixtures/pipeline-metadata';
import { ApiClient } from '../support/api-client';
import { createOrgMatrix, type OrgMatrix } from '../support/org-matrix';
import { startTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { ADMIN_PASSWORD } from '../support/tessera-server';
import { eventually } from './pipeline-test.support';

const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;
const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });

const TIMEOUT_ACTIONS: Action[] = [
  { kind: 'notify', to: [{ kind: 'manager' }], title: l('「{title}」在需求确认阶段超时', '{title} is overdue in lead'), body: l('区域：{region}', 'Region: {region}') },
  { kind: 'notify', to: [{ kind: 'role', role: 'sales_director', scope: 'anywhere' }], title: l('商机超时', 'Opportunity overdue') },
  { kind: 'setField', values: { region: { value: 'west' } } },
];

/** `lead` times out after two seconds (reminder after one); `confirm` after a week. */
const metadata = pipelineMetadata({
  lead: { timeout: { after: 'PT2S', warnBefore: 'PT1S', actions: TIMEOUT_ACTIONS } },
  confirm: { timeout: { after: 'P7D' } },
});

interface Node {
  app: TestApp;
  admin: ApiClient;
  db: DataSource;
}

/** One server on the given database (DATABASE_URL, or an embedded PGlite DATA_DIR), signed in as admin. */
async function startNode(env: Record<string, string>): Promise<Node> {
  const app = await startTestApp({ ADMIN_PASSWORD, TIMER_POLL_INTERVAL: 'PT0.2S', ...env });
  const anonymous = new ApiClient(app.url);
  const login = await anonymous.post('/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
  if (login.status !== 200) throw new Error(`login: ${login.status}`);
  return { app, admin: anonymous.as(login.body.accessToken), db: app.app.get(DataSource) };
}

async function publish(node: Node): Promise<void> {
  const res = await node.admin.post('/api/metadata/publish', { documents: metadata });
  if (res.status !== 200) throw new Error(`publish: ${res.status} ${JSON.stringify(res.body)}`);
}

const count = async (db: DataSource, sql: string, values: unknown[] = []) => Number((await db.query(`SELECT count(*) AS n FROM ${sql}`, values))[0].n);

async function createOpportunity(api: ApiClient, title: string): Promise<string> {
  const res = await api.post('/api/objects/opportunity/records', { title, region: 'east' });
  if (res.status !== 201) throw new Error(`create: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** A fresh place for the data: a database on DATABASE_URL's server, else a PGlite folder kept across restarts. */
async function freshStore(): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  const db: TestDatabase | undefined = await createTestDatabase();
  if (db) return { env: { DATABASE_URL: db.url }, drop: () => db.drop() };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tessera-timeouts-'));
  return { env: { DATA_DIR: dir }, drop: () => rm(dir, { recursive: true, force: true }) };
}

describe('stage timeouts', () => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let node: Node;
  let m: OrgMatrix;

  beforeAll(async () => {
    store = await freshStore();
    node = await startNode(store.env);
    await publish(node);
    m = await createOrgMatrix({ admin: node.admin, anonymous: new ApiClient(node.app.url) }, ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await node?.app.close();
    await store?.drop();
  });

  it('marks the record overdue, reminds the owner, notifies the manager and the role, and hands the other actions to automations', async () => {
    const rep = m.users.rep_east.api;
    const id = await createOpportunity(rep, 'Boiler retrofit');
    expect((await rep.get(`/api/objects/opportunity/records/${id}/pipeline`)).body).toMatchObject({ overdue: false, dueAt: expect.any(String) });

    const view = await eventually(async () => {
      const v = (await rep.get(`/api/objects/opportunity/records/${id}/pipeline`)).body;
      return v.overdue && v;
    }, 20_000, 'the overdue flag');
    expect(view.overdueSince).toEqual(expect.any(String));
    expect(view.dueAt).toBeNull();

    const forManager = (await m.users.manager_east.api.get('/api/notifications')).body;
    const notice = forManager.items.find((n: { link: { recordId: string } | null }) => n.link?.recordId === id);
    expect(notice).toMatchObject({ title: '「Boiler retrofit」在需求确认阶段超时', body: '区域：华东', source: 'stage.timeout', readAt: null, link: { object: 'opportunity', recordId: id } });
    expect(forManager.unread).toBeGreaterThanOrEqual(1);
    const forDirector = (await m.users.director.api.get('/api/notifications')).body.items.filter((n: { link: { recordId: string } | null }) => n.link?.recordId === id);
    expect(forDirector.map((n: { title: string }) => n.title)).toEqual(['商机超时']);
    const forOwner = (await rep.get('/api/notifications')).body.items.filter((n: { link: { recordId: string } | null }) => n.link?.recordId === id);
    expect(forOwner.map((n: { source: string }) => n.source)).toEqual(['stage.warn']);

    const events = await node.db.query(`SELECT payload FROM outbox_event WHERE record_id = $1 AND type = 'stage.overdue'`, [id]);
    expect(events).toHaveLength(1);
    expect(events[0].payload).toMatchObject({ pipeline: 'gate_test', stage: 'lead', flagged: true, actions: [{ kind: 'setField' }] });
    expect(await count(node.db, `timer WHERE record_id = $1 AND fired_at IS NOT NULL`, [id])).toBe(2);

    const read = await m.users.manager_east.api.post(`/api/notifications/${notice.id}/read`);
    expect(read.body.readAt).toEqual(expect.any(String));
    expect((await m.users.manager_east.api.get('/api/notifications')).body.unread).toBe(forManager.unread - 1);
    expect((await rep.post(`/api/notifications/${notice.id}/read`)).status).toBe(404);
  });

  it('leaving the stage cancels its timers and clears the overdue flag', async () => {
    const rep = m.users.rep_east.api;
    const overdue = await createOpportunity(rep, 'Overdue then moved');
    const moved = await createOpportunity(rep, 'Moved in time');
    const stay = await createOpportunity(rep, 'Control');
    const res = await rep.post(`/api/objects/opportunity/records/${moved}/stage`, { stage: 'confirm' });
    expect(res.status).toBe(200);
    // The lead timers are gone; confirm's week-long timeout took their place.
    const pending = await node.db.query(`SELECT kind, reference->>'stage' AS stage FROM timer WHERE record_id = $1 AND fired_at IS NULL`, [moved]);
    expect(pending).toEqual([{ kind: 'stage.timeout', stage: 'confirm' }]);

    await eventually(async () => (await rep.get(`/api/objects/opportunity/records/${stay}/pipeline`)).body.overdue, 20_000, 'the control record to time out');
    await eventually(async () => (await rep.get(`/api/objects/opportunity/records/${overdue}/pipeline`)).body.overdue, 20_000, 'the first record to time out');
    expect(await count(node.db, `outbox_event WHERE record_id = $1 AND type = 'stage.overdue'`, [moved])).toBe(0);
    expect((await rep.get(`/api/objects/opportunity/records/${moved}/pipeline`)).body.overdue).toBe(false);

    const left = await rep.post(`/api/objects/opportunity/records/${overdue}/stage`, { stage: 'confirm' });
    expect(left.status).toBe(200);
    expect(left.body.overdue).toBe(false);
    expect(left.body.history[0]).toMatchObject({ stage: 'lead', overdueAt: expect.any(String), exitedAt: expect.any(String) });
  });

  it('deleting a record cancels its timers; restoring sets them again from the stage entry', async () => {
    const id = await createOpportunity(m.users.rep_east.api, 'Deleted');
    const due = async () => (await node.db.query(`SELECT kind, due_at FROM timer WHERE record_id = $1 AND fired_at IS NULL ORDER BY kind`, [id])).map((t: { kind: string; due_at: Date }) => `${t.kind}@${new Date(t.due_at).toISOString()}`);
    const before = await due();
    expect(before).toHaveLength(2);
    expect((await node.admin.delete(`/api/objects/opportunity/records/${id}`)).status).toBe(204);
    expect(await due()).toEqual([]);
    expect((await node.admin.post(`/api/objects/opportunity/records/${id}/restore`)).status).toBe(200);
    expect(await due()).toEqual(before);
  });
});

describe('a stage timeout across a restart', () => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let second: Node | undefined;
  afterAll(async () => {
    await second?.app.close();
    await store?.drop();
  });

  it('fires after the server was stopped between entry and due time, and only once', async () => {
    store = await freshStore();
    const first = await startNode(store.env);
    let id: string;
    let m: OrgMatrix;
    try {
      await publish(first);
      m = await createOrgMatrix({ admin: first.admin, anonymous: new ApiClient(first.app.url) }, ADMIN_PASSWORD, { prefix: 'r_' });
      id = await createOpportunity(m.users.rep_east.api, 'Survives restarts');
      expect(await count(first.db, `timer WHERE record_id = $1 AND kind = 'stage.timeout' AND fired_at IS NULL`, [id])).toBe(1);
    } finally {
      await first.app.close();
    }

    second = await startNode(store.env);
    const db = second.db;
    await eventually(async () => (await count(db, `outbox_event WHERE record_id = $1 AND type = 'stage.overdue'`, [id])) === 1, 20_000, 'the timeout after the restart');
    const manager = await db.query(`SELECT id FROM app_user WHERE username = 'r_manager_east'`);
    expect(await count(db, `notification WHERE record_id = $1 AND user_id = $2 AND source = 'stage.timeout'`, [id, manager[0].id])).toBe(1);
    expect((await db.query(`SELECT overdue_at FROM stage_history WHERE record_id = $1 AND exited_at IS NULL`, [id]))[0].overdue_at).not.toBeNull();
  });
});

onPostgres('two server instances on one database', () => {
  let db: TestDatabase;
  const nodes: Node[] = [];
  afterAll(async () => {
    for (const n of nodes) await n.app.close();
    await db?.drop();
  });

  it('fire each timer exactly once', async () => {
    db = (await createTestDatabase())!;
    nodes.push(await startNode({ DATABASE_URL: db.url, TIMER_POLL_INTERVAL: 'PT0.05S' }));
    await publish(nodes[0]);
    nodes.push(await startNode({ DATABASE_URL: db.url, TIMER_POLL_INTERVAL: 'PT0.05S' }));
    const m = await createOrgMatrix({ admin: nodes[0].admin, anonymous: new ApiClient(nodes[0].app.url) }, ADMIN_PASSWORD, { prefix: 't_' });
    const rep = m.users.rep_east.api;
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await createOpportunity(rep, `Parallel ${i}`));

    const pg = nodes[1].db;
    await eventually(async () => (await count(pg, `timer WHERE kind = 'stage.timeout' AND fired_at IS NOT NULL`)) === ids.length, 30_000, 'every timeout');
    // A few more polls of both instances: nothing fires again.
    await new Promise((r) => setTimeout(r, 500));
    const perRecord = await pg.query(`SELECT record_id, count(*)::int AS n FROM outbox_event WHERE type = 'stage.overdue' GROUP BY record_id`);
    expect(perRecord).toHaveLength(ids.length);
    expect(perRecord.every((r: { n: number }) => r.n === 1)).toBe(true);
    const notices = await pg.query(`SELECT record_id, count(*)::int AS n FROM notification WHERE source = 'stage.timeout' AND user_id = $1 GROUP BY record_id`, [m.users.manager_east.id]);
    expect(notices.map((r: { n: number }) => r.n)).toEqual(ids.map(() => 1));
    // Both instances took part (40 timers, both polling every 50 ms), so SKIP LOCKED was really raced.
    const instances = await pg.query(`SELECT DISTINCT claimed_by FROM timer WHERE fired_at IS NOT NULL`);
    expect(instances).toHaveLength(2);
  });
});
