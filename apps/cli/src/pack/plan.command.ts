import { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { EXIT } from '../report/validation-report.write';
import type { ServerOptions } from '../server/server-options';
import { withPackAndServer, withServerCommandOptions, writeProblems, type OutputOptions } from './server-command.run';

interface PlanOptions extends ServerOptions, OutputOptions {
  demoData: boolean;
  retire: boolean;
}

interface Plan {
  pack: { name: string; version: string };
  previousVersion: string | null;
  action: string;
  ok: boolean;
  documents: Array<{ name: string; status: string; safe: boolean; changes: Array<{ path: string; op?: string }> }>;
  risks: Array<{ message: string; destructive: boolean | null }>;
  errors: Array<{ path: string; message: string; code?: string }>;
  orgUnits: { created: string[]; updated: string[] } | null;
  demo: { users: number; records: Record<string, number> } | null;
}

function formatPlan(p: Plan): string {
  const lines = [`pack ${p.pack.name} ${p.pack.version}: ${p.action}${p.previousVersion ? ` from ${p.previousVersion}` : ''}`];
  for (const d of p.documents) lines.push(`  ${d.status.padEnd(8)} ${d.name}${d.safe ? '' : '  (destructive or not checked)'}${d.changes.length ? `: ${d.changes.length} change(s)` : ''}`);
  for (const r of p.risks) lines.push(`  ${r.destructive === null ? 'not checked' : r.destructive ? 'destructive' : 'safe (no stored data affected)'}: ${r.message}`);
  if (p.orgUnits) lines.push(`  org units: ${p.orgUnits.created.length} new, ${p.orgUnits.updated.length} changed`);
  if (p.demo) lines.push(`  demo data: ${p.demo.users} users, ${Object.entries(p.demo.records).map(([o, n]) => `${n} ${o}`).join(', ')}`);
  const destructive = p.risks.filter((r) => r.destructive === true).length;
  lines.push(p.ok ? `ok: the import would apply ${p.documents.length} document change(s), ${destructive} destructive` : `refused: the import would fail (${p.errors.length} problem(s))`);
  return lines.join('\n') + '\n';
}

export function planCommand(io: CliIo): Command {
  return withServerCommandOptions(
    new Command('plan')
      .description('show what importing the pack would change on the running server (safe vs destructive), without changing anything')
      .argument('<pack>', 'pack folder, its pack.json, or a bundle file')
      .option('--demo-data', 'also count the demo users and records it would create', false)
      .option('--retire', 'plan the non-destructive path: keep dropped fields and objects retired', false),
  ).action(async (location: string, options: PlanOptions) => {
    io.setExitCode(
      await withPackAndServer(location, options.demoData, options, io, 'plan', async (client, { bundle }) => {
        const query = [options.demoData && 'demoData=true', options.retire && 'retire=true'].filter(Boolean).join('&');
        const res = await client.postBundle(`/api/admin/packs/plan${query ? `?${query}` : ''}`, bundle);
        if (res.status !== 200) {
          writeProblems(res, io);
          return EXIT.invalid;
        }
        const plan = res.body as Plan;
        if (options.format === 'json') io.out(JSON.stringify(plan, null, 2) + '\n');
        else {
          io.out(formatPlan(plan));
          if (plan.errors.length > 0) writeProblems({ status: 422, body: { errors: plan.errors } }, io);
        }
        return plan.ok ? EXIT.valid : EXIT.invalid;
      }),
    );
  });
}
