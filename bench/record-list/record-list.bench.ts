/**
 * bench/record-list: a list page of 50 records out of BENCH_ROWS (default 100,000) deals,
 * as a regional manager (row scope: their unit and below, half the rows), filtered by
 * stage and sorted by amount — the first page and a page 200 pages deep, reached by the
 * keyset cursor — through the HTTP API (sign-in check, access, query parsing, SQL built
 * from metadata, row conversion, JSON) against a hand-written endpoint in the same
 * process running the same keyset query behind the same sign-in check. For context it
 * prints the SQL alone and the deep page as OFFSET pagination would fetch it.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:record-list
 *   BENCH_ROWS=1000000 BENCH_RUNS=21 … for other sizes
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { freshDatabase } from '../support/fresh-database';
import { median } from '../support/median';
import { BaselineModule } from './baseline.module';
import { createApp } from '@tessera/server/dist/create-app';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const PAGE = 50;
const DEPTH = 200;
const PASSWORD = 'bench-admin-password';
const l = (s: string) => ({ 'zh-CN': s, en: s });
const STAGES = ['lead', 'qualify', 'quote', 'commit', 'won', 'lost'];

const metadata = [
  {
    kind: 'object',
    key: 'deal',
    label: l('Deal'),
    titleField: 'title',
    fields: [
      { key: 'title', type: 'text', label: l('Title'), searchable: true },
      { key: 'amount', type: 'currency', label: l('Amount'), indexed: true },
      { key: 'stage', type: 'select', label: l('Stage'), indexed: true, options: STAGES.map((v) => ({ value: v, label: l(v) })) },
      { key: 'close_date', type: 'date', label: l('Close date') },
    ],
  },
  { kind: 'role', key: 'regional_manager', label: l('Regional manager'), permissions: [{ object: 'deal', actions: ['read'], readScope: 'orgUnitAndBelow' }] },
];

/** Half the deals in the manager's unit (east), half in another; stages hashed; amounts spread with ties. */
const GENERATE = `
  INSERT INTO data.deal ("id", "owner_id", "org_unit_id", "created_at", "updated_at", "title", "amount", "stage", "close_date")
  SELECT gen_random_uuid(), $2::uuid, CASE WHEN g % 2 = 0 THEN $3::uuid ELSE $4::uuid END, now(), now(), 'Deal ' || g,
         (1000 + (g * 7919) % 200000) + (g % 100) / 100.0,
         (ARRAY['lead','qualify','quote','commit','won','lost'])[1 + (g * 2654435761) % 6],
         current_date + ((g * 31) % 480 - 240)::int
  FROM generate_series(1::bigint, $1::bigint) AS g`;

async function main(): Promise<void> {
  const server = process.env.DATABASE_URL;
  if (!server) {
    console.error('bench:record-list needs a PostgreSQL server: set DATABASE_URL, e.g.\n  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:record-list\n(it creates and drops its own database)');
    process.exit(2);
  }
  const db = await freshDatabase(server, 'tessera_bench_list');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tessera-bench-'));
  const tessera = await createApp({
    env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', SEED_PACKS: 'none', DATA_DIR: dataDir, ADMIN_PASSWORD: PASSWORD, DATABASE_URL: db.url },
    imports: [BaselineModule],
  });
  const sql = new Client({ connectionString: db.url });
  try {
    const base = await tessera.listen();
    const call = async (token: string | null, method: string, urlPath: string, body?: unknown) => {
      const res = await fetch(base + urlPath, { method, headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) }, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${urlPath}: ${res.status} ${text.slice(0, 300)}`);
      return text ? JSON.parse(text) : undefined;
    };
    const admin = (await call(null, 'POST', '/api/auth/login', { username: 'admin', password: PASSWORD })).accessToken as string;
    await call(admin, 'POST', '/api/metadata/publish', { documents: metadata });
    const east = await call(admin, 'POST', '/api/admin/org-units', { key: 'east', label: l('East') });
    const west = await call(admin, 'POST', '/api/admin/org-units', { key: 'west', label: l('West') });
    const manager = await call(admin, 'POST', '/api/admin/users', { username: 'manager', displayName: 'Manager', password: PASSWORD, orgUnitId: east.id, roles: ['regional_manager'] });
    const token = (await call(null, 'POST', '/api/auth/login', { username: 'manager', password: PASSWORD })).accessToken as string;

    await sql.connect();
    const t = performance.now();
    await sql.query(GENERATE, [ROWS, manager.id, east.id, west.id]);
    await sql.query('VACUUM ANALYZE data.deal');
    await sql.query('CHECKPOINT').catch(() => undefined);
    console.log(`record-list (PostgreSQL, ${ROWS.toLocaleString('en')} deals, half in the manager's scope; generated in ${((performance.now() - t) / 1000).toFixed(1)} s)`);

    const filter = encodeURIComponent(JSON.stringify({ field: 'stage', op: 'in', value: ['lead', 'qualify', 'quote'] }));
    const listPath = (cursor?: string) => `/api/objects/deal/records?filter=${filter}&sort=-amount&limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    // The deep page: follow the cursor DEPTH pages (also warms both paths).
    let cursor: string | undefined;
    let last: { amount: string; id: string } | undefined;
    for (let i = 0; i < DEPTH; i++) {
      const page = await call(token, 'GET', listPath(cursor));
      cursor = page.nextCursor;
      last = page.items[page.items.length - 1];
      if (!cursor) throw new Error(`only ${i + 1} pages: raise BENCH_ROWS`);
    }

    // By hand: the same scope, filter, keyset and columns, no metadata.
    const columns = `"id", "version", "owner_id", "org_unit_id", "created_at", "created_by", "updated_at", "updated_by", "title", "amount", "stage", "close_date"`;
    const where = `"deleted_at" IS NULL AND "org_unit_id" = ANY($1::uuid[]) AND "stage" = ANY($2::text[])`;
    const scope = [[east.id], ['lead', 'qualify', 'quote']];
    const firstByHand = { text: `SELECT ${columns} FROM data.deal WHERE ${where} ORDER BY "amount" DESC, "id" DESC LIMIT ${PAGE + 1}`, values: scope };
    const deepByHand = { text: `SELECT ${columns} FROM data.deal WHERE ${where} AND ("amount", "id") < ($3::numeric, $4::uuid) ORDER BY "amount" DESC, "id" DESC LIMIT ${PAGE + 1}`, values: [...scope, last!.amount, last!.id] };
    const offset = { text: `SELECT ${columns} FROM data.deal WHERE ${where} ORDER BY "amount" DESC, "id" DESC LIMIT ${PAGE + 1} OFFSET ${DEPTH * PAGE}`, values: scope };

    const api = async (p: string) => {
      const start = performance.now();
      await call(token, 'GET', p);
      return performance.now() - start;
    };
    const direct = async (q: { text: string; values: unknown[] }) => {
      const start = performance.now();
      await sql.query(q);
      return performance.now() - start;
    };
    const baseline = (after?: { amount: string; id: string }) => `/api/bench/deals?unit=${east.id}${after ? `&amount=${after.amount}&id=${after.id}` : ''}`;
    const cases: Array<[string, () => Promise<number>, () => Promise<number>, () => Promise<number>]> = [
      ['first page', () => api(listPath()), () => api(baseline()), () => direct(firstByHand)],
      [`page ${DEPTH + 1}`, () => api(listPath(cursor)), () => api(baseline(last)), () => direct(deepByHand)],
    ];
    for (const [name, viaApi, viaBaseline, bySql] of cases) {
      await viaApi();
      await viaBaseline();
      await bySql();
      const a: number[] = [];
      const b: number[] = [];
      const q: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        b.push(await viaBaseline());
        a.push(await viaApi());
        q.push(await bySql());
      }
      console.log(`  ${name.padEnd(10)} API ${median(a).toFixed(1).padStart(5)} ms   hand-written endpoint ${median(b).toFixed(1).padStart(5)} ms   ratio ${(median(a) / median(b)).toFixed(2)}x   (the SQL alone ${median(q).toFixed(1)} ms)`);
    }
    const o: number[] = [];
    for (let i = 0; i < RUNS; i++) o.push(await direct(offset));
    console.log(`  for context: page ${DEPTH + 1} by OFFSET ${DEPTH * PAGE} in SQL ${median(o).toFixed(1)} ms (keyset stays flat); medians of ${RUNS} runs each`);
  } finally {
    await sql.end().catch(() => undefined);
    await tessera.close();
    await db.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
