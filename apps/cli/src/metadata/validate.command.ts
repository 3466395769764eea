import { Command } from 'commander';
import { checkMetadata, type MetadataIssue } from '@tessera/metadata';
import type { CliIo } from '../cli-io';
import { EXIT, withReportOptions, writeReport, type ReportOptions } from '../report/validation-report.write';
import { MetadataPathNotFoundError, readMetadataFiles } from './metadata-files.read';

/**
 * Validates metadata files as one set: each document against the schema of its kind,
 * then the cross-reference lint over all of them. Every .json file is a metadata
 * document: a pack manifest (kind pack) is checked against the manifest schema like
 * any other kind, but which files a pack lists is `tessera pack validate`'s job.
 * Returns the exit code.
 */
export function runMetadataValidate(paths: readonly string[], options: ReportOptions, io: CliIo): number {
  let read;
  try {
    read = readMetadataFiles(paths);
  } catch (e) {
    if (!(e instanceof MetadataPathNotFoundError)) throw e;
    io.err(`tessera metadata validate: ${e.message}\n`);
    return EXIT.unreadable;
  }
  if (read.files.length === 0) {
    io.err(`tessera metadata validate: no .json file in ${paths.join(', ')}\n`);
    return EXIT.unreadable;
  }
  const checked = checkMetadata(read.documents);
  const order = new Map(read.files.map((f, i) => [f, i]));
  const at = (i: MetadataIssue) => order.get(i.document ?? '') ?? -1;
  // Stable: the issues of one file together, files in the order they were read.
  const issues = [...read.issues, ...checked.issues].sort((a, b) => at(a) - at(b));
  return writeReport({ pack: null, documents: read.documents.length, issues }, options, io);
}

export function metadataValidateCommand(io: CliIo): Command {
  return withReportOptions(
    new Command('validate')
      .description(
        'check metadata documents as one set: each against the schema of its kind, then every reference between them; ' +
          'prints file:pointer: message lines, exits 1 on errors. Folders are read recursively for *.json; ' +
          'a pack.json manifest is checked as the pack kind (use `tessera pack validate` for what a pack lists)',
      )
      .argument('<paths...>', 'metadata files and folders'),
  ).action((paths: string[], options: ReportOptions) => {
    io.setExitCode(runMetadataValidate(paths, options, io));
  });
}
