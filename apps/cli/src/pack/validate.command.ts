import { Command } from 'commander';
import { validatePack } from '@tessera/metadata';
import type { CliIo } from '../cli-io';
import { packIdentity } from '../report/validation-report.format';
import { EXIT, withReportOptions, writeReport, type ReportOptions } from '../report/validation-report.write';
import { PackNotFoundError, readPackFolder } from './pack-folder.read';

/** Reads, validates and reports one pack; returns the exit code. */
export function runValidate(location: string, options: ReportOptions, io: CliIo): number {
  let folder;
  try {
    folder = readPackFolder(location);
  } catch (e) {
    if (!(e instanceof PackNotFoundError)) throw e;
    io.err(`tessera pack validate: ${e.message}\n`);
    return EXIT.unreadable;
  }
  // An unparsable manifest is reported by the reader; there is nothing to validate then.
  const result = folder.manifest === undefined ? undefined : validatePack(folder);
  const issues = [...folder.issues, ...(result?.issues ?? [])];
  return writeReport({ pack: packIdentity(result?.manifest), documents: Object.keys(folder.documents).length, issues }, options, io);
}

export function validateCommand(io: CliIo): Command {
  return withReportOptions(
    new Command('validate')
      .description('check a pack folder: the manifest and every document against their schemas, where each is listed, then every reference between them; prints file:pointer: message lines')
      .argument('[folder]', 'the pack folder, or its pack.json', '.'),
  ).action((folder: string, options: ReportOptions) => {
    io.setExitCode(runValidate(folder, options, io));
  });
}
