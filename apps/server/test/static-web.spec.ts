import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from './support/test-database';
import { startTestApp, type TestApp } from './support/test-app';

const INDEX = '<!doctype html><title>Tessera test shell</title><div id="root"></div>';

describe('the web app at /', () => {
  let db: TestDatabase | undefined;
  let app: TestApp;
  let web: string;
  beforeAll(async () => {
    web = await mkdtemp(path.join(os.tmpdir(), 'tessera-web-'));
    await mkdir(path.join(web, 'assets'));
    await writeFile(path.join(web, 'index.html'), INDEX);
    await writeFile(path.join(web, 'assets', 'index-abc123.js'), 'console.log("shell")');
    db = await createTestDatabase();
    app = await startTestApp({ DATABASE_URL: db?.url, WEB_DIST_DIR: web });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await rm(web, { recursive: true, force: true });
  });

  it('serves index.html at /', async () => {
    const res = await fetch(`${app.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toBe(INDEX);
  });

  it('serves index.html for client-side routes, so a reload works', async () => {
    const res = await fetch(`${app.url}/workspace/deals/42`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toBe(INDEX);
  });

  it('serves fingerprinted assets with a long cache lifetime', async () => {
    const res = await fetch(`${app.url}/assets/index-abc123.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(await res.text()).toBe('console.log("shell")');
  });

  it('keeps API misses as problem+json', async () => {
    const res = await fetch(`${app.url}/api/nothing-here`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('still serves the API', async () => {
    const res = await fetch(`${app.url}/api/health`);
    expect(res.status).toBe(200);
  });
});

describe('without a web build', () => {
  let db: TestDatabase | undefined;
  let app: TestApp;
  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp({ DATABASE_URL: db?.url });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('answers / with a 404 problem instead of failing to start', async () => {
    const res = await fetch(`${app.url}/`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
