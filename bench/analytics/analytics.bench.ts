/**
 * bench/analytics: 1,000,000 opportunities and their stage history (about 3.5 rows a
 * record) generated in PostgreSQL with INSERT … SELECT generate_series, then funnel,
 * dwell, forecast and heatmap timed through the HTTP API (sign-in check, access,
 * parameter checks, SQL built from metadata, figures and drill-down filters, JSON)
 * against the same aggregates as hand-written SQL sent straight to the database, in
 * one run, alternating, median of BENCH_RUNS runs each.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:analytics
 *   BENCH_ROWS=200000 BENCH_RUNS=9 … for other sizes
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { freshDatabase } from '../support/fresh-database';
import { median } from '../support/median';
import { createApp } from '@tessera/server/dist/create-app';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PASSWORD = 'bench-admin-password';
const l = (s: string) => ({ 'zh-CN': s, en: s });

const OPEN = ['lead', 'qualify', 'quote', 'commit'];
const metadata = [
  {
    kind: 'object',
    key: 'opportunity',
    label: l('Opportunity'),
    titleField: 'name',
    fields: [
      { key: 'name', type: 'text', label: l('Name') },
      { key: 'amount', type: 'currency', label: l('Amount') },
      { key: 'region', type: 'select', label: l('Region'), options: ['east', 'south', 'north', 'west'].map((v) => ({ value: v, label: l(v) })) },
      { key: 'product_line', type: 'select', label: l('Product line'), options: ['ball', 'gate', 'butterfly', 'globe'].map((v) => ({ value: v, label: l(v) })) },
      { key: 'close_date', type: 'date', label: l('Close date'), indexed: true },
      { key: 'stage', type: 'select', label: l('Stage'), indexed: true, options: [...OPEN, 'won', 'lost'].map((v) => ({ value: v, label: l(v) })) },
    ],
  },
  {
    kind: 'pipeline',
    key: 'opportunity_pipeline',
    object: 'opportunity',
    stageField: 'stage',
    label: l('Opportunity pipeline'),
    amountField: 'amount',
    closeDateField: 'close_date',
    stages: [
      { key: 'lead', label: l('Lead'), probability: 10, forecastCategory: 'pipeline', timeout: { after: 'P7D' } },
      { key: 'qualify', label: l('Qualify'), probability: 30, forecastCategory: 'pipeline', timeout: { after: 'P14D' } },
      { key: 'quote', label: l('Quote'), probability: 60, forecastCategory: 'bestCase', timeout: { after: 'P14D' } },
      { key: 'commit', label: l('Commit'), probability: 90, forecastCategory: 'commit' },
      { key: 'won', label: l('Won'), type: 'won', probability: 100, forecastCategory: 'closed', reasonRequired: false },
      { key: 'lost', label: l('Lost'), type: 'lost', probability: 0, forecastCategory: 'omitted', reasonRequired: false },
    ],
  },
];

/** One record per g: owner, unit, stage (hashed), amount with cents, a close date within ±8 months, created up to a year back. */
const GENERATE_RECORDS = `
  INSERT INTO data.opportunity ("id", "owner_id", "org_unit_id", "created_at", "updated_at", "name", "amount", "region", "product_line", "close_date", "stage")
  SELECT gen_random_uuid(), o.ids[(1 + g % 50)::int], u.ids[(1 + g % 10)::int], c, c, 'Opportunity ' || g,
         (1000 + (g * 7919) % 500000) + (g % 100) / 100.0,
         (ARRAY['east','south','north','west'])[1 + (g / 7) % 4],
         (ARRAY['ball','gate','butterfly','globe'])[1 + (g / 3) % 4],
         current_date + ((g * 31) % 480 - 240)::int,
         CASE WHEN h < 20 THEN 'lead' WHEN h < 35 THEN 'qualify' WHEN h < 47 THEN 'quote' WHEN h < 55 THEN 'commit' WHEN h < 75 THEN 'won' ELSE 'lost' END
  FROM generate_series(1::bigint, $1::bigint) AS g
  CROSS JOIN LATERAL (SELECT (g * 2654435761) % 100 AS h, now() - interval '60 days' - ((g * 13) % 300) * interval '1 day' - (g % 86400) * interval '1 second' AS c) x
  CROSS JOIN (SELECT array_agg(gen_random_uuid()) AS ids FROM generate_series(1, 50)) o
  CROSS JOIN (SELECT array_agg(gen_random_uuid()) AS ids FROM generate_series(1, 10)) u`;

/** The stays of each record: open stages up to where it is (or was lost from), then won or lost; one open stay each. */
const GENERATE_HISTORY = `
  INSERT INTO "stage_history" ("id", "object", "record_id", "pipeline", "stage", "from_stage", "move", "entered_at", "exited_at")
  SELECT gen_random_uuid(), 'opportunity', x.id, 'opportunity_pipeline',
         CASE WHEN k <= x.n THEN s.open[k] ELSE x.stage END,
         CASE WHEN k = 1 THEN NULL ELSE s.open[k - 1] END,
         CASE WHEN k = 1 THEN 'create' WHEN k <= x.n THEN 'next' WHEN x.stage = 'won' THEN 'won' ELSE 'lost' END,
         x.created_at + (k - 1) * x.d,
         CASE WHEN k < x.n + x.t THEN x.created_at + k * x.d END
  FROM (SELECT o.id, o.created_at, o.stage,
               CASE o.stage WHEN 'lead' THEN 1 WHEN 'qualify' THEN 2 WHEN 'quote' THEN 3 WHEN 'commit' THEN 4 WHEN 'won' THEN 4 ELSE 1 + abs(hashtext(o.id::text)) % 4 END AS n,
               (o.stage IN ('won', 'lost'))::int AS t,
               (1 + abs(hashtext(o.id::text)) % 10) * interval '1 day' AS d
        FROM data.opportunity o) x
  CROSS JOIN (SELECT ARRAY['lead','qualify','quote','commit'] AS open) s
  CROSS JOIN LATERAL generate_series(1, x.n + x.t) AS k`;

/**
 * The same figures, written by hand against the tables: the same joins and groups, no
 * metadata, no parameters (the lost stays are joined only for lost records, as the API
 * does: a NULL key skips the hash probe).
 */
const monthStart = `date_trunc('month', current_date)::date`;
const HAND_WRITTEN: Record<string, string> = {
  funnel: `SELECT o.stage, v.from_stage, count(*), sum(o.amount)
    FROM data.opportunity o
    LEFT JOIN stage_history v ON v.object = 'opportunity' AND v.record_id = CASE WHEN o.stage = 'lost' THEN o.id END AND v.exited_at IS NULL AND v.stage = 'lost'
    WHERE o.deleted_at IS NULL GROUP BY 1, 2`,
  dwell: `SELECT v.stage, count(*), count(DISTINCT v.record_id), avg(extract(epoch FROM v.exited_at - v.entered_at)),
      percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY extract(epoch FROM v.exited_at - v.entered_at)), NULL::bigint, NULL::bigint
    FROM data.opportunity o JOIN stage_history v ON v.object = 'opportunity' AND v.record_id = o.id AND v.exited_at IS NOT NULL
    WHERE o.deleted_at IS NULL GROUP BY v.stage
    UNION ALL
    SELECT o.stage, NULL, NULL, NULL, NULL, count(*),
      count(*) FILTER (WHERE (o.stage = 'lead' AND v.entered_at <= now() - interval '7 days') OR (o.stage IN ('qualify', 'quote') AND v.entered_at <= now() - interval '14 days'))
    FROM data.opportunity o
    LEFT JOIN stage_history v ON v.object = 'opportunity' AND v.record_id = CASE WHEN o.stage IN ('lead', 'qualify', 'quote') THEN o.id END AND v.exited_at IS NULL AND v.stage IN ('lead', 'qualify', 'quote')
    WHERE o.deleted_at IS NULL AND o.stage IS NOT NULL GROUP BY o.stage`,
  forecast: `SELECT date_trunc('month', o.close_date) AS month, o.stage, count(*), sum(o.amount)
    FROM data.opportunity o
    WHERE o.deleted_at IS NULL AND o.stage IN ('lead', 'qualify', 'quote', 'commit', 'won')
      AND (o.close_date IS NULL OR (o.close_date >= ${monthStart} AND o.close_date < (${monthStart} + interval '3 months')))
    GROUP BY 1, 2`,
  heatmap: `SELECT o.owner_id, o.stage, v.from_stage, count(*)
    FROM data.opportunity o
    LEFT JOIN stage_history v ON v.object = 'opportunity' AND v.record_id = CASE WHEN o.stage = 'lost' THEN o.id END AND v.exited_at IS NULL AND v.stage = 'lost'
    WHERE o.deleted_at IS NULL GROUP BY 1, 2, 3`,
};

const API: Record<string, string> = {
  funnel: 'funnel',
  dwell: 'dwell',
  forecast: 'forecast?interval=month&periods=3',
  heatmap: 'heatmap?dimension=owner_id',
};

async function main(): Promise<void> {
  const server = process.env.DATABASE_URL;
  if (!server) {
    console.error('bench:analytics needs a PostgreSQL server: set DATABASE_URL, e.g.\n  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:analytics\n(it creates and drops its own database; a million rows do not belong in embedded PGlite)');
    process.exit(2);
  }
  const db = await freshDatabase(server, 'tessera_bench_analytics');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tessera-bench-'));
  const tessera = await createApp({ env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', SEED_PACKS: 'none', DATA_DIR: dataDir, ADMIN_PASSWORD: PASSWORD, DATABASE_URL: db.url } });
  const sql = new Client({ connectionString: db.url });
  try {
    const base = await tessera.listen();
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${accessToken}` };
    const published = await fetch(`${base}/api/metadata/publish`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ documents: metadata }) });
    if (!published.ok) throw new Error(`publish failed: ${published.status} ${await published.text()}`);

    await sql.connect();
    let t = performance.now();
    await sql.query(GENERATE_RECORDS, [ROWS]);
    const records = performance.now() - t;
    t = performance.now();
    const history = await sql.query(GENERATE_HISTORY);
    await sql.query('VACUUM ANALYZE data.opportunity');
    await sql.query('VACUUM ANALYZE stage_history');
    // Write the generated pages out now, so the checkpointer does not compete with the measurements.
    await sql.query('CHECKPOINT').catch(() => undefined);
    console.log(`analytics (PostgreSQL, ${ROWS.toLocaleString('en')} opportunities, ${history.rowCount?.toLocaleString('en')} stays; generated in ${(records / 1000).toFixed(1)} s + ${((performance.now() - t) / 1000).toFixed(1)} s)`);

    const api = async (q: string) => {
      const start = performance.now();
      const res = await fetch(`${base}/api/analytics/opportunity/${q}`, { headers: auth });
      const body = await res.text();
      if (!res.ok) throw new Error(`${q}: ${res.status} ${body.slice(0, 500)}`);
      return performance.now() - start;
    };
    const direct = async (text: string) => {
      const start = performance.now();
      await sql.query(text);
      return performance.now() - start;
    };

    const ratios: number[] = [];
    for (const name of Object.keys(API)) {
      // warm both paths once (plans, caches, JIT), then alternate
      await api(API[name]);
      await direct(HAND_WRITTEN[name]);
      const a: number[] = [];
      const h: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        h.push(await direct(HAND_WRITTEN[name]));
        a.push(await api(API[name]));
      }
      const ratio = median(a) / median(h);
      ratios.push(ratio);
      const target = name === 'funnel' || name === 'forecast' ? ', target < 500 ms' : '';
      console.log(`  ${name.padEnd(9)} API ${median(a).toFixed(0).padStart(5)} ms   hand-written SQL ${median(h).toFixed(0).padStart(5)} ms   ratio ${ratio.toFixed(2)}x (target <= 1.30x${target})`);
    }
    console.log(`  worst ratio ${Math.max(...ratios).toFixed(2)}x; medians of ${RUNS} runs each`);
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
