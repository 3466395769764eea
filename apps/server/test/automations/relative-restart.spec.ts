import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { ApiClient } from '../support/api-client';
import { startTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-database';
import { ADMIN_PASSWORD } from '../support/tessera-server';
import { automationMetadata } from './automation-metadata';
import { created, eventually, fastJobsEnv, JOB_MODES, patched } from './automation-test.support';

/** A fresh place for the data that survives a restart: a database on DATABASE_URL's server, else a PGlite folder. */
async function freshStore(): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  const db = await createTestDatabase();
  if (db) return { env: { DATABASE_URL: db.url }, drop: () => db.drop() };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tessera-relative-'));
  return { env: { DATA_DIR: dir }, drop: () => rm(dir, { recursive: true, force: true }) };
}

async function signIn(app: TestApp): Promise<ApiClient> {
  const anonymous = new ApiClient(app.url);
  const login = await anonymous.post('/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
  return anonymous.as(login.body.accessToken);
}

describe.each(JOB_MODES)('a quiet-period trigger across a restart (%s)', (_mode, modeEnv) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let app: TestApp | undefined;

  beforeAll(async () => {
    store = await freshStore();
  });
  afterAll(async () => {
    await app?.close();
    await store?.drop();
  });

  it('fires "no activity for 2 seconds" once, after the server restarted, counting from the last change of the lead or its tasks', async () => {
    const env = { ADMIN_PASSWORD, ...store.env, ...fastJobsEnv(modeEnv) };
    app = await startTestApp(env);
    let admin = await signIn(app);
    const published = await admin.post('/api/metadata/publish', { documents: automationMetadata() });
    expect(published.status).toBe(200);
    const lead = await created(admin, 'lead', { title: 'Silent customer', payment: 'overdue' });
    // Activity on a task of the lead pushes the quiet period back.
    await created(admin, 'task', { title: 'Called', lead: lead.id });
    const lastActivity = Date.now();
    await app.close();
    app = undefined;

    app = await startTestApp(env);
    admin = await signIn(app);
    const db = app.app.get(DataSource);
    const admins = await db.query(`SELECT "id" FROM "app_user" WHERE "username" = 'admin'`);
    const notices = () => db.query(`SELECT "created_at" FROM "notification" WHERE "user_id" = $1 AND "title"->>'en' = '客户沉默: Silent customer'`, [admins[0].id]);
    const [first] = await eventually(async () => ((await notices()).length ? notices() : undefined), 20_000, 'the quiet-period notice');
    expect(new Date(first.created_at).getTime() - lastActivity).toBeGreaterThanOrEqual(1500);
    await new Promise((r) => setTimeout(r, 2500));
    expect(await notices()).toHaveLength(1);
    const runs = await db.query(`SELECT "status" FROM "automation_run" WHERE "automation" = 'quiet' AND "record_id" = $1`, [lead.id]);
    expect(runs.map((r: { status: string }) => r.status)).toEqual(['succeeded']);
    await patched(admin, 'lead', lead.id, { note: 'still there' });
  });
});
