// `npm test`: every project's tests through Nx (cached), then one summary line.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, '.test-results');
rmSync(results, { recursive: true, force: true });

const nx = spawnSync('npx', ['nx', 'run-many', '-t', 'test', '--outputStyle=static', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', ...process.env },
});

const totals = { passed: 0, failed: 0, skipped: 0 };
const rows = existsSync(results) ? readdirSync(results).filter((f) => f.endsWith('.json')) : [];
for (const file of rows.sort()) {
  const r = JSON.parse(readFileSync(path.join(results, file), 'utf8'));
  console.log(`  ${r.project.padEnd(10)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
  totals.passed += r.passed;
  totals.failed += r.failed;
  totals.skipped += r.skipped;
}
const code = nx.status ?? 1;
if (code !== 0 && totals.failed === 0) totals.failed = 1; // a crash outside Jest still fails the run
console.log(`Tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(code !== 0 || totals.failed > 0 ? 1 : 0);
