import { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { PACK_MANIFEST_FILE } from '@tessera/metadata';
import type { CliIo } from '../cli-io';
import { EXIT } from '../report/validation-report.write';
import type { ServerOptions } from '../server/server-options';
import { withServer, withServerCommandOptions, writeProblems } from './server-command.run';

const json = (v: unknown) => JSON.stringify(v, null, 2) + '\n';

export function exportCommand(io: CliIo): Command {
  return withServerCommandOptions(
    new Command('export')
      .description('write an installed pack, as its metadata is now, to a pack folder that imports to the same metadata')
      .argument('<name>', 'name of the installed pack')
      .argument('<folder>', 'folder to write pack.json and the documents into'),
  ).action(async (name: string, folder: string, options: ServerOptions) => {
    io.setExitCode(
      await withServer(options, io, 'export', async (client) => {
        const res = await client.get(`/api/admin/packs/${encodeURIComponent(name)}/export`);
        if (res.status !== 200) {
          writeProblems(res, io);
          return EXIT.invalid;
        }
        const root = resolve(folder);
        const documents = res.body.documents as Record<string, unknown>;
        for (const path of Object.keys(documents)) {
          // Paths come from the server; never write outside the folder.
          if (!resolve(root, path).startsWith(root + sep)) {
            io.err(`tessera pack export: refusing ${path}: outside ${folder}\n`);
            return EXIT.invalid;
          }
        }
        mkdirSync(root, { recursive: true });
        writeFileSync(join(root, PACK_MANIFEST_FILE), json(res.body.manifest));
        for (const [path, doc] of Object.entries(documents)) {
          mkdirSync(dirname(join(root, path)), { recursive: true });
          writeFileSync(join(root, path), json(doc));
        }
        io.out(`pack ${res.body.manifest.name} ${res.body.manifest.version}: ${Object.keys(documents).length} documents written to ${folder}\n`);
        return EXIT.valid;
      }),
    );
  });
}
