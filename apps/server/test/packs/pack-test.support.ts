import type { PackBundle } from '@tessera/metadata';
import path from 'node:path';
import { readPackFolder } from '../../src/packs/pack-folder.read';
import type { ApiClient, ApiResponse } from '../support/api-client';

export const PACKS_DIR = path.resolve(__dirname, '../../../../packs');
export const FIXTURE_PACKS_DIR = path.resolve(__dirname, '../fixtures/packs');
export const DEMO_PASSWORD = 'demo-password-1';

/** A pack folder as the bundle `tessera pack bundle` makes of it. */
export function packBundle(folder: string, withDemo = true): Promise<PackBundle> {
  return readPackFolder(path.isAbsolute(folder) ? folder : path.join(PACKS_DIR, folder), withDemo);
}

/** POST /api/admin/packs/import with the bundle as the CLI sends it. */
export function importPack(admin: ApiClient, bundle: unknown, query = ''): Promise<ApiResponse> {
  return admin.post(`/api/admin/packs/import${query}`, bundle);
}

export async function expectOk(res: Promise<ApiResponse> | ApiResponse, status = 200): Promise<any> {
  const r = await res;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body).slice(0, 2000)}`);
  return r.body;
}

/** Every record of an object (all pages), as the signed-in client sees them. */
export async function allRecords(client: ApiClient, object: string, query = ''): Promise<any[]> {
  const out: any[] = [];
  let cursor: string | null = null;
  do {
    const page: any = await expectOk(client.get(`/api/objects/${object}/records?limit=200${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`));
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** Signs a user in; returns a client acting as them. */
export async function signIn(anonymous: ApiClient, username: string, password = DEMO_PASSWORD): Promise<ApiClient> {
  return (await signInUser(anonymous, username, password)).api;
}

export interface SignedIn {
  api: ApiClient;
  token: string;
  id: string;
  username: string;
}

/** Signs a user in; the client, the raw token (for uploads) and the user id. */
export async function signInUser(anonymous: ApiClient, username: string, password = DEMO_PASSWORD): Promise<SignedIn> {
  const login = await expectOk(anonymous.post('/api/auth/login', { username, password }));
  return { api: anonymous.as(login.accessToken), token: login.accessToken, id: login.user.id, username };
}

/** Uploads files to an attachment field as a signed-in user (multipart, like the browser). */
export async function uploadFiles(
  baseUrl: string, user: SignedIn, object: string, id: string, field: string, category: string,
  files: Array<{ name: string; type: string; bytes: Uint8Array }>,
): Promise<{ status: number; body: any }> {
  const data = new FormData();
  data.append('category', category);
  for (const f of files) data.append('file', new Blob([f.bytes], { type: f.type }), f.name);
  const res = await fetch(`${baseUrl}/api/objects/${object}/records/${id}/files/${field}`, { method: 'POST', headers: { authorization: `Bearer ${user.token}` }, body: data });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Bytes a file-type check accepts as a PDF or a JPEG. */
export const PDF = (text: string) => new Uint8Array(Buffer.from(`%PDF-1.7\n${text}\n%%EOF\n`));
export const JPEG = (seed: number) => new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...Buffer.from(`photo ${seed} `.repeat(20)), 0xff, 0xd9]);

/** The signed-in user's notifications (newest first). */
export async function notificationsOf(user: SignedIn): Promise<Array<{ title: string; body: string | null; recordId: string | null; source: string | null }>> {
  return (await expectOk(user.api.get('/api/notifications?limit=200'))).items;
}

/** The approval tasks the user may act on now. */
export async function pendingTasks(user: SignedIn): Promise<Array<{ task: { id: string; step?: string }; record: { id: string }; [k: string]: any }>> {
  return (await expectOk(user.api.get('/api/approvals/tasks?state=pending'))).items;
}

/**
 * A shortened clock for story tests, on the pack as shipped: every ISO duration at a
 * key named in `keys` (stage timeouts, SLAs, escalation delays, relative offsets) becomes
 * `to`. Generic: it walks any document and knows no pack.
 */
export function shortenDurations<T>(value: T, to: string, keys: readonly string[] = ['after', 'sla', 'offset', 'warnBefore']): T {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k, keys.includes(k) && typeof x === 'string' && /^P/.test(x) ? (k === 'warnBefore' ? undefined : to) : walk(x)]).filter(([, x]) => x !== undefined),
    );
  };
  return walk(value) as T;
}

/** Polls until `check` returns a value other than undefined (or the time is up). */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 15_000, everyMs = 200): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
