import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { automationMetadata } from '../automations/automation-metadata';
import { created, eventually, fastJobsEnv, JOB_MODES } from '../automations/automation-test.support';
import { ApiClient } from '../support/api-client';
import { startTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { ADMIN_PASSWORD } from '../support/tessera-server';

const ROOT = path.resolve(__dirname, '../../../..');
const WORKER = path.join(ROOT, 'apps/server/dist/worker.js');

// Separate processes share one database: PostgreSQL only (embedded PGlite belongs to one process).
const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;

/** Builds what `node apps/server/dist/worker.js` runs (metadata, engine, server; swc, a second or two). */
function buildWorker(): void {
  const build = spawnSync('npm', ['run', 'build', '-w', '@tessera/metadata', '-w', '@tessera/engine', '-w', '@tessera/server'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
}

interface Worker {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `node apps/server/dist/worker.js` and resolves once it says it runs. */
async function startWorker(env: Record<string, string>): Promise<Worker> {
  const child = spawn(process.execPath, [WORKER], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', SEED_PACKS: 'none', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await eventually(async () => out.includes('Tessera worker') || child.exitCode !== null, 30_000, 'the worker to start');
  if (child.exitCode !== null) throw new Error(`worker exited: ${out}`);
  return { child, output: () => out, exited };
}

async function stopWorker(w: Worker | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!w || w.child.exitCode !== null || w.child.signalCode !== null) return;
  w.child.kill(signal);
  await w.exited;
}

onPostgres.each(JOB_MODES)('worker processes (%s)', (_mode, modeEnv) => {
  let db: TestDatabase;
  let api: TestApp;
  let admin: ApiClient;
  let data: DataSource;
  let env: Record<string, string>;
  const workers: Worker[] = [];

  beforeAll(async () => {
    buildWorker();
    db = (await createTestDatabase())!;
    env = { DATABASE_URL: db.url, ...fastJobsEnv(modeEnv), JOB_LOCK_DURATION: 'PT2S' };
    // The API instance runs no background work: everything below is done by the workers.
    api = await startTestApp({ ADMIN_PASSWORD, ...env, RUN_WORKERS: 'false' });
    const anonymous = new ApiClient(api.url);
    admin = anonymous.as((await anonymous.post('/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD })).body.accessToken);
    expect((await admin.post('/api/metadata/publish', { documents: automationMetadata() })).status).toBe(200);
    data = api.app.get(DataSource);
  }, 120_000);
  afterAll(async () => {
    for (const w of workers) await stopWorker(w, 'SIGKILL');
    await api?.close();
    await db?.drop();
  });

  /** What the queue and the runs look like, for a failure message: these scenarios depend on timing under load. */
  const diagnose = async (e: Error, ...logs: Array<[string, Worker]>): Promise<never> => {
    const dump = async (sql: string) => JSON.stringify(await data.query(sql));
    const parts = [
      ['outbox', `SELECT "type", "object", "dispatched_at" FROM "outbox_event" ORDER BY "created_at" DESC LIMIT 10`],
      ['job', `SELECT "handler", "attempts", "data"->'event'->>'type' AS "type" FROM "job"`],
      ['dead letters', `SELECT "handler", "error" FROM "job_dead_letter"`],
      ['runs', `SELECT "automation", "status", "error" FROM "automation_run" ORDER BY "started_at" DESC LIMIT 10`],
      ['sessions', `SELECT "state", "wait_event_type", left("query", 120) AS "query" FROM pg_stat_activity WHERE datname = current_database()`],
    ];
    const dumps = await Promise.all(parts.map(async ([name, sql]) => `--- ${name} ---\n${await dump(sql)}`));
    throw new Error([e.message, ...dumps, ...logs.map(([name, w]) => `--- ${name} ---\n${w.output().slice(-3000)}`)].join('\n'));
  };

  it('runs a job again after its worker is killed mid-job (SIGKILL), with its effect applied once', async () => {
    const a = await startWorker(env);
    workers.push(a);
    // Hold the task table so the run blocks inside its transaction, after its idempotency mark.
    const blocker = new Client({ connectionString: db.url });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE "data"."task" IN EXCLUSIVE MODE');
    const lead = await created(admin, 'lead', { title: 'Killed mid-job', source: 'expo' });
    // Asked outside the blocker's transaction: pg_stat_activity is a snapshot per transaction.
    const waiting = async () => Number((await data.query(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`))[0].n);
    await eventually(async () => (await waiting()) > 0, 60_000, 'the run to block').catch((e) => diagnose(e, ['worker a', a]));
    await stopWorker(a, 'SIGKILL');
    await blocker.query('COMMIT');
    await blocker.end();
    const tasks = async () => Number((await data.query(`SELECT count(*) AS n FROM "data"."task" WHERE "lead" = $1`, [lead.id]))[0].n);
    expect(await tasks()).toBe(0);

    const b = await startWorker(env);
    workers.push(b);
    await eventually(async () => (await tasks()) === 1, 60_000, 'the task from the re-run job').catch((e) => diagnose(e, ['worker a', a], ['worker b', b]));
    await new Promise((r) => setTimeout(r, 1500));
    expect(await tasks()).toBe(1);
    const runs = await data.query(`SELECT "status" FROM "automation_run" WHERE "automation" = 'follow_up' AND "record_id" = $1 AND "status" = 'succeeded'`, [lead.id]);
    expect(runs).toHaveLength(1);
    await stopWorker(b);
  });

  it('fires each occurrence of a schedule once with two workers', async () => {
    const lead = await created(admin, 'lead', { title: 'Scheduled', status: 'lost' });
    const a = await startWorker(env);
    const b = await startWorker(env);
    workers.push(a, b);
    const occurrences = async () => (await data.query(`SELECT "payload"->>'occurrence' AS o FROM "outbox_event" WHERE "type" = 'automation.due' AND "payload"->>'automation' = 'nightly_grade'`)).map((r: { o: string }) => r.o);
    const runsOf = () => data.query(`SELECT "event_id" FROM "automation_run" WHERE "automation" = 'nightly_grade' AND "record_id" = $1`, [lead.id]);
    await eventually(async () => (await occurrences()).length >= 3 && (await runsOf()).length >= 2, 60_000, 'three occurrences and two runs').catch((e) => diagnose(e, ['worker a', a], ['worker b', b]));
    await Promise.all([stopWorker(a), stopWorker(b)]);
    const fired = await occurrences();
    expect(new Set(fired).size).toBe(fired.length);
    const runs = await runsOf();
    expect(new Set(runs.map((r: { event_id: string }) => r.event_id)).size).toBe(runs.length);
    expect(runs.length).toBeLessThanOrEqual(fired.length);
    expect((await admin.get(`/api/objects/lead/records/${lead.id}`)).body.grade).toBe('risk');
  });
});
