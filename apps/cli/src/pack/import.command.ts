import { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { EXIT } from '../report/validation-report.write';
import type { ServerOptions } from '../server/server-options';
import { withPackAndServer, withServerCommandOptions, writeProblems, type OutputOptions } from './server-command.run';

interface ImportOptions extends ServerOptions, OutputOptions {
  demoData: boolean;
  retire: boolean;
  allowDowngrade: boolean;
}

interface ImportResult {
  pack: { name: string; version: string };
  previousVersion: string | null;
  action: string;
  metadata: { version: number; unchanged: boolean };
  orgUnits: { created: string[]; updated: string[] } | null;
  demo: null | {
    skipped?: string;
    users: { created: number; existing: number };
    accounts: Array<{ role: string; username: string; name: string }>;
    password?: string;
    records: Record<string, number>;
  };
  durationMs: number;
}

function formatImport(r: ImportResult): string {
  const lines = [
    `pack ${r.pack.name} ${r.pack.version}: ${r.action}${r.previousVersion ? ` from ${r.previousVersion}` : ''} — metadata version ${r.metadata.version}${r.metadata.unchanged ? ' (unchanged)' : ''}, ${r.durationMs} ms`,
  ];
  if (r.orgUnits) lines.push(`  org units: ${r.orgUnits.created.length} new, ${r.orgUnits.updated.length} changed`);
  if (r.demo?.skipped) lines.push('  demo data: already loaded by an earlier import, left as it is');
  else if (r.demo) {
    lines.push(`  demo data: ${r.demo.users.created} users, ${Object.entries(r.demo.records).map(([o, n]) => `${n} ${o}`).join(', ')}`);
    lines.push(`  demo users (password ${r.demo.password ? `${r.demo.password}, shown once` : 'from DEMO_PASSWORD'}):`);
    for (const a of r.demo.accounts) lines.push(`    ${a.role.padEnd(22)} ${a.username.padEnd(22)} ${a.name}`);
  }
  return lines.join('\n') + '\n';
}

export function importCommand(io: CliIo): Command {
  return withServerCommandOptions(
    new Command('import')
      .description('import or upgrade the pack on the running server in one transaction (all of it or nothing)')
      .argument('<pack>', 'pack folder, its pack.json, or a bundle file')
      .option('--demo-data', 'also create the demo users and records', false)
      .option('--retire', 'keep fields and objects the new version drops as retired (non-destructive)', false)
      .option('--allow-downgrade', 'import an older version than the one installed', false),
  ).action(async (location: string, options: ImportOptions) => {
    io.setExitCode(
      await withPackAndServer(location, options.demoData, options, io, 'import', async (client, { bundle }) => {
        const query = [options.demoData && 'demoData=true', options.retire && 'retire=true', options.allowDowngrade && 'allowDowngrade=true'].filter(Boolean).join('&');
        const res = await client.postBundle(`/api/admin/packs/import${query ? `?${query}` : ''}`, bundle);
        if (res.status !== 200) {
          writeProblems(res, io);
          io.out(`not imported: nothing was changed\n`);
          return EXIT.invalid;
        }
        io.out(options.format === 'json' ? JSON.stringify(res.body, null, 2) + '\n' : formatImport(res.body as ImportResult));
        return EXIT.valid;
      }),
    );
  });
}
