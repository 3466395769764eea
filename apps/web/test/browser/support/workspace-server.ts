import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

// Overridable so that several builds (e.g. parallel work trees) can test side by side.
const WEB_DIST = process.env.TESSERA_WEB_DIST ?? path.resolve(__dirname, '../../../dist');
const SERVER_DIST = path.join(process.env.TESSERA_SERVER_DIST ?? path.resolve(__dirname, '../../../../server/dist'), 'create-app.js');
export const ADMIN_PASSWORD = 'admin-browser-password-1';
export const PASSWORD = 'browser-password-1';

interface TesseraApp {
  listen(): Promise<string>;
  close(): Promise<void>;
}

export interface WorkspaceServer {
  url: string;
  /** Calls the API as `username` (signed in once, token kept). */
  call<T = any>(username: string, method: string, urlPath: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

/**
 * The real built server (apps/server/dist) serving the built web app, on a fresh
 * database (a new one on DATABASE_URL's server, else embedded PGlite), with `metadata`
 * published, org units and users created through the admin API.
 */
export async function startWorkspaceServer(metadata: unknown[], org: { units: Array<{ key: string; parent?: string; manager?: string }>; users: Array<{ username: string; displayName: string; unit: string; roles: string[] }> }): Promise<WorkspaceServer> {
  const server = await bootServer({ SEED_PACKS: 'none' });
  const { call } = server;
  await call('admin', 'POST', '/api/metadata/publish', { documents: metadata });
  const unitIds = new Map<string, string>();
  for (const unit of org.units) {
    const created = await call('admin', 'POST', '/api/admin/org-units', { key: unit.key, label: { 'zh-CN': unit.key, en: unit.key }, parentId: unit.parent ? unitIds.get(unit.parent) : null });
    unitIds.set(unit.key, created.id);
  }
  const userIds = new Map<string, string>();
  for (const u of org.users) {
    const created = await call('admin', 'POST', '/api/admin/users', { username: u.username, displayName: u.displayName, password: PASSWORD, orgUnitId: unitIds.get(u.unit), roles: u.roles });
    userIds.set(u.username, created.id);
  }
  for (const unit of org.units) if (unit.manager) await call('admin', 'PUT', `/api/admin/org-units/${unitIds.get(unit.key)}/manager`, { userId: userIds.get(unit.manager) });

  return server;
}

/**
 * The real server with template packs seeded at start (their metadata, org, demo users and
 * demo records), as `npm start` does; demo users sign in with PASSWORD.
 */
export async function startPackServer(packs: string[]): Promise<WorkspaceServer> {
  return bootServer({ SEED_PACKS: packs.join(','), DEMO_PASSWORD: PASSWORD });
}

async function bootServer(settings: Record<string, string>): Promise<WorkspaceServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tessera-web-'));
  const database = await freshDatabase();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createApp } = require(SERVER_DIST) as { createApp(o: { env: Record<string, string> }): Promise<TesseraApp> };
  const app = await createApp({
    env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATA_DIR: dataDir, WEB_DIST_DIR: WEB_DIST, ADMIN_PASSWORD, ...settings, ...(database && { DATABASE_URL: database.url }) },
  });
  const url = await app.listen();
  const tokens = new Map<string, string>();
  const raw = async (method: string, urlPath: string, body: unknown, token?: string) => {
    const res = await fetch(url + urlPath, { method, headers: { 'Content-Type': 'application/json', ...(token && { Authorization: `Bearer ${token}` }) }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${urlPath}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  const call = async (username: string, method: string, urlPath: string, body?: unknown) => {
    if (!tokens.has(username)) tokens.set(username, (await raw('POST', '/api/auth/login', { username, password: username === 'admin' ? ADMIN_PASSWORD : PASSWORD })).accessToken);
    return raw(method, urlPath, body, tokens.get(username));
  };
  return {
    url,
    call,
    close: async () => {
      await app.close();
      await database?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function freshDatabase(serverUrl = process.env.DATABASE_URL): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  if (!serverUrl) return undefined;
  const name = `tessera_web_${Date.now().toString(36)}_${Math.random().toString(16).slice(2, 8)}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
