import type { HealthReport } from '../src/health/health.service';
import { createTestDatabase, type TestDatabase } from './support/test-database';
import { startTestApp, type TestApp } from './support/test-app';

const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;

async function health(app: TestApp) {
  const res = await fetch(`${app.url}/api/health`);
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as HealthReport };
}

describe('boot on embedded PGlite', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app?.close());

  it('reports the database up on pglite and jobs in-process', async () => {
    expect(await health(app)).toEqual({
      status: 200,
      type: expect.stringMatching(/^application\/json/),
      body: {
        status: 'ok',
        database: { status: 'up', driver: 'pglite' },
        queue: { status: 'in-process', driver: 'in-process' },
      },
    });
  });

  it('keeps PGlite data under DATA_DIR/pg', async () => {
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(`${app.dataDir}/pg`)).toContain('PG_VERSION');
  });
});

onPostgres('boot on PostgreSQL (DATABASE_URL)', () => {
  let db: TestDatabase;
  let app: TestApp;
  beforeAll(async () => {
    db = (await createTestDatabase())!;
    app = await startTestApp({ DATABASE_URL: db.url });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('reports the database up on postgres', async () => {
    const { status, body } = await health(app);
    expect(status).toBe(200);
    expect(body.database).toEqual({ status: 'up', driver: 'postgres' });
  });

  it('uses the database it was given', async () => {
    const { DataSource } = await import('typeorm');
    const [{ current_database }] = await app.app.get(DataSource).query('SELECT current_database()');
    expect(db.url.endsWith(`/${current_database}`)).toBe(true);
  });

  it('answers 503 when the database goes away', async () => {
    await db.drop();
    const { status, body } = await health(app);
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: 'degraded', database: { status: 'down', driver: 'postgres' } });
  });
});
