/**
 * bench/record-create: the engine's full create path over HTTP (auth, permission,
 * validation, rules, formula, insert, history, outbox) against a hand-written
 * NestJS endpoint writing the same rows, same process, same database, one run.
 *
 *   npm run bench:record-create            # PGlite unless DATABASE_URL is set
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:record-create
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freshDatabase } from '../support/fresh-database';
import { createApp } from '@tessera/server/dist/create-app';
import { BaselineModule } from './baseline.module';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 32;
const PASSWORD = 'bench-admin-password';
const l = (s: string) => ({ 'zh-CN': s, en: s });

const metadata = [
  {
    kind: 'object',
    key: 'bench_item',
    label: l('Bench item'),
    fields: [
      { key: 'title', type: 'text', label: l('Title'), required: true, maxLength: 100 },
      { key: 'amount', type: 'currency', label: l('Amount'), min: 0 },
      { key: 'cost', type: 'currency', label: l('Cost') },
      { key: 'margin', type: 'formula', label: l('Margin'), resultType: 'currency', expression: 'amount - cost' },
    ],
    rules: [{ key: 'below_cost', expression: '$not($exists(cost)) or amount >= cost', message: l('below cost'), severity: 'warning', field: 'amount' }],
  },
];

/**
 * Load comes from autocannon in a child process, so the load generator does not
 * share the server's event loop (the machine has two cores: one each).
 */
function run(url: string, headers: Record<string, string>): Promise<{ rps: number; non2xx: number }> {
  const cli = require.resolve('autocannon/autocannon.js');
  const args = [cli, '--json', '-c', String(CONNECTIONS), '-d', String(SECONDS), '-m', 'POST', '-H', 'content-type=application/json'];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}=${v}`);
  args.push('-b', JSON.stringify({ title: 'bench item', amount: 1000, cost: 900 }), url);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 10 * 1024 * 1024 }, (err, stdout) => {
      if (err) return reject(err);
      const result = JSON.parse(stdout) as { requests: { average: number }; non2xx: number };
      resolve({ rps: result.requests.average, non2xx: result.non2xx });
    });
  });
}

async function main(): Promise<void> {
  const db: { url?: string; drop(): Promise<void> } = process.env.DATABASE_URL ? await freshDatabase(process.env.DATABASE_URL, 'tessera_bench') : { drop: async () => undefined };
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tessera-bench-'));
  const tessera = await createApp({
    env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', SEED_PACKS: 'none', DATA_DIR: dataDir, ADMIN_PASSWORD: PASSWORD, ...(db.url && { DATABASE_URL: db.url }) },
    imports: [BaselineModule],
  });
  try {
    const base = await tessera.listen();
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${accessToken}` };
    const published = await fetch(`${base}/api/metadata/publish`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ documents: metadata }) });
    if (!published.ok) throw new Error(`publish failed: ${published.status} ${await published.text()}`);

    const engineUrl = `${base}/api/objects/bench_item/records`;
    const baselineUrl = `${base}/api/bench/baseline`;
    // Warm up both paths (JIT, compiled validators, pool), then measure each twice, interleaved.
    await run(engineUrl, auth).catch(() => undefined);
    await run(baselineUrl, auth);
    const results = { engine: [] as number[], baseline: [] as number[] };
    for (let round = 0; round < 2; round++) {
      const b = await run(baselineUrl, auth);
      const e = await run(engineUrl, auth);
      if (e.non2xx > 0 || b.non2xx > 0) throw new Error(`non-2xx responses: engine ${e.non2xx}, baseline ${b.non2xx}`);
      results.baseline.push(b.rps);
      results.engine.push(e.rps);
    }
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const engine = avg(results.engine);
    const baseline = avg(results.baseline);
    const driver = db.url ? 'postgres' : 'pglite';
    console.log(`record-create (${driver}, ${CONNECTIONS} connections, ${SECONDS}s x2 each)`);
    console.log(`  engine create path : ${engine.toFixed(0)} req/s`);
    console.log(`  hand-written       : ${baseline.toFixed(0)} req/s`);
    console.log(`  ratio engine/baseline: ${(engine / baseline).toFixed(2)}x (target >= 0.80x)`);
  } finally {
    await tessera.close();
    await db.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
