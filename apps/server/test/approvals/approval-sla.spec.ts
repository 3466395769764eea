import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { ApiClient } from '../support/api-client';
import { createOrgMatrix, MATRIX_PASSWORD, type OrgMatrix } from '../support/org-matrix';
import { startTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { ADMIN_PASSWORD } from '../support/tessera-server';
import { approvalMetadata, createQuote, eventually, expectStatus, fastFlow, submit } from './approval-test.support';

const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;

interface Node {
  app: TestApp;
  anonymous: ApiClient;
  admin: ApiClient;
  db: DataSource;
}

async function startNode(env: Record<string, string>): Promise<Node> {
  const app = await startTestApp({ ADMIN_PASSWORD, TIMER_POLL_INTERVAL: 'PT0.2S', ...env });
  const anonymous = new ApiClient(app.url);
  const login = await anonymous.post('/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
  if (login.status !== 200) throw new Error(`login: ${login.status}`);
  return { app, anonymous, admin: anonymous.as(login.body.accessToken), db: app.app.get(DataSource) };
}

async function signIn(node: Node, username: string): Promise<ApiClient> {
  return node.anonymous.as(expectStatus(await node.anonymous.post('/api/auth/login', { username, password: MATRIX_PASSWORD }), 200).accessToken);
}

/** A database on DATABASE_URL's server, else a PGlite folder kept across restarts. */
async function freshStore(): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  const db: TestDatabase | undefined = await createTestDatabase();
  if (db) return { env: { DATABASE_URL: db.url }, drop: () => db.drop() };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tessera-approvals-'));
  return { env: { DATA_DIR: dir }, drop: () => rm(dir, { recursive: true, force: true }) };
}

async function worldOn(node: Node, prefix: string): Promise<OrgMatrix> {
  expectStatus(await node.admin.post('/api/metadata/publish', { documents: approvalMetadata([fastFlow]) }), 200);
  return createOrgMatrix({ admin: node.admin, anonymous: node.anonymous }, ADMIN_PASSWORD, { prefix });
}

type Instance = { tasks: Array<{ assignee: { id: string }; state: string; origin: string }>; timeline: Array<{ type: string; actor: unknown; data: Record<string, unknown> }> };

const escalations = (i: Instance) => i.timeline.filter((e) => e.type === 'escalated');

describe('a PT2S SLA escalates to the approver\'s manager', () => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let node: Node | undefined;
  afterAll(async () => {
    await node?.app.close();
    await store?.drop();
  });

  it('hands the regional manager\'s task to their manager, tells them, and lets them decide', async () => {
    store = await freshStore();
    node = await startNode(store.env);
    const m = await worldOn(node, '');
    const rep = m.users.rep_east.api;
    const id = await createQuote(rep, 30000);
    const instance = expectStatus(await submit(rep, id, 'quote_fast'), 201);
    const submittedAt = Date.now();
    // The east manager manages their own unit, so their manager is the company's: the GM.
    const after = await eventually(async () => {
      const i: Instance = expectStatus(await node!.admin.get(`/api/approvals/instances/${instance.id}`), 200);
      return escalations(i).length ? i : undefined;
    }, 20_000, 'the escalation');
    expect(Date.now() - submittedAt).toBeGreaterThanOrEqual(1500);
    expect(after.tasks.map((t) => [t.assignee.id, t.state, t.origin])).toEqual([[m.users.manager_east.id, 'escalated', 'route'], [m.users.gm.id, 'pending', 'escalation']]);
    expect(escalations(after)[0]).toMatchObject({ actor: null, data: { moved: [{ from: m.users.manager_east.id, to: m.users.gm.id }] } });
    const notices = await node.db.query(`SELECT "source" FROM "notification" WHERE "user_id" = $1 AND "record_id" = $2`, [m.users.gm.id, id]);
    expect(notices.map((n: { source: string }) => n.source)).toEqual(['approval.escalated']);
    // The regional manager neither has it any more nor counts as having handled it.
    for (const state of ['pending', 'handled']) expect(expectStatus(await m.users.manager_east.api.get(`/api/approvals/tasks?state=${state}`), 200).items).toEqual([]);
    const gmTask = expectStatus(await m.users.gm.api.get('/api/approvals/tasks?state=pending'), 200).items.find((r: { record: { id: string } }) => r.record.id === id);
    expect(expectStatus(await m.users.gm.api.post(`/api/approvals/tasks/${gmTask.task.id}/approve`, {}), 200).outcome).toBe('approved');
  });
});

describe('an SLA across a restart', () => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let second: Node | undefined;
  afterAll(async () => {
    await second?.app.close();
    await store?.drop();
  });

  it('escalates after the server was stopped before the SLA passed, once', async () => {
    store = await freshStore();
    const first = await startNode(store.env);
    let id: string;
    let instanceId: string;
    let m: OrgMatrix;
    try {
      m = await worldOn(first, 'r_');
      id = await createQuote(m.users.rep_east.api, 30000);
      instanceId = expectStatus(await submit(m.users.rep_east.api, id, 'quote_fast'), 201).id;
    } finally {
      await first.app.close();
    }
    second = await startNode(store.env);
    const node = second;
    const after = await eventually(async () => {
      const i: Instance = expectStatus(await node.admin.get(`/api/approvals/instances/${instanceId}`), 200);
      return escalations(i).length ? i : undefined;
    }, 20_000, 'the escalation after the restart');
    expect(after.tasks.filter((t) => t.state === 'pending').map((t) => t.assignee.id)).toEqual([m.users.gm.id]);
    // A few more polls: nothing escalates twice.
    await new Promise((r) => setTimeout(r, 1000));
    expect(escalations(expectStatus(await node.admin.get(`/api/approvals/instances/${instanceId}`), 200))).toHaveLength(1);
    const gm = await signIn(node, 'r_gm');
    expect(expectStatus(await gm.get('/api/approvals/tasks?state=pending'), 200).items.map((r: { record: { id: string } }) => r.record.id)).toEqual([id]);
  });
});

onPostgres('SLAs with two server instances on one database', () => {
  let db: TestDatabase;
  const nodes: Node[] = [];
  afterAll(async () => {
    for (const n of nodes) await n.app.close();
    await db?.drop();
  });

  it('escalate each approval exactly once', async () => {
    db = (await createTestDatabase())!;
    nodes.push(await startNode({ DATABASE_URL: db.url, TIMER_POLL_INTERVAL: 'PT0.05S' }));
    const m = await worldOn(nodes[0], 't_');
    nodes.push(await startNode({ DATABASE_URL: db.url, TIMER_POLL_INTERVAL: 'PT0.05S' }));
    const rep = m.users.rep_east.api;
    const instances: string[] = [];
    for (let i = 0; i < 10; i++) instances.push(expectStatus(await submit(rep, await createQuote(rep, 1000 + i), 'quote_fast'), 201).id);
    const pg = nodes[1].db;
    const escalated = async () => Number((await pg.query(`SELECT count(*) AS n FROM "approval_event" WHERE "type" = 'escalated'`))[0].n);
    await eventually(async () => (await escalated()) >= instances.length, 30_000, 'every escalation');
    await new Promise((r) => setTimeout(r, 500));
    const perInstance = await pg.query(`SELECT "instance_id", count(*)::int AS n FROM "approval_event" WHERE "type" = 'escalated' GROUP BY "instance_id"`);
    expect(perInstance).toHaveLength(instances.length);
    for (const row of perInstance) expect(row.n).toBe(1);
    expect(Number((await pg.query(`SELECT count(*) AS n FROM "approval_task" WHERE "state" = 'pending' AND "assignee" = $1`, [m.users.gm.id]))[0].n)).toBe(instances.length);
  });
});
