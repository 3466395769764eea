import { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import type { CliIo } from '../cli-io';
import { packIdentity } from '../report/validation-report.format';
import { EXIT, withReportOptions, writeReport, type ReportOptions } from '../report/validation-report.write';
import { PackNotFoundError } from './pack-folder.read';
import { readPackSource } from './pack-source.read';

interface BundleOptions extends ReportOptions {
  demo: boolean;
}

export function bundleCommand(io: CliIo): Command {
  return withReportOptions(
    new Command('bundle')
      .description('validate a pack folder and write it as one JSON file { manifest, documents, demo } for upload')
      .argument('<folder>', 'the pack folder, or its pack.json')
      .argument('<file>', 'the bundle file to write')
      .option('--no-demo', 'leave the demo data out'),
  ).action((folder: string, file: string, options: BundleOptions) => {
    let source;
    try {
      source = readPackSource(folder, options.demo);
    } catch (e) {
      if (!(e instanceof PackNotFoundError)) throw e;
      io.err(`tessera pack bundle: ${e.message}\n`);
      io.setExitCode(EXIT.unreadable);
      return;
    }
    const code = writeReport({ pack: packIdentity(source.manifest), documents: Object.keys(source.bundle?.documents ?? {}).length + Object.keys(source.bundle?.demo ?? {}).length, issues: source.issues }, options, io);
    if (code === EXIT.valid && source.bundle) writeFileSync(file, JSON.stringify(source.bundle) + '\n');
    io.setExitCode(code);
  });
}
