import { Command, Option } from 'commander';
import { hasErrors, validatePack } from '@tessera/metadata';
import type { CliIo } from '../cli-io';
import { PackNotFoundError, readPackFolder } from './pack-folder.read';
import { formatJson, formatText, packIdentity, type ValidationReport } from './validation-report.format';

export interface ValidateOptions {
  format: 'text' | 'json';
  /** Warnings fail the run too. */
  strict: boolean;
}

/** Exit codes: 0 valid, 1 invalid, 2 nothing to validate (no folder or manifest). */
export const EXIT = { valid: 0, invalid: 1, unreadable: 2 } as const;

/** Reads, validates and reports one pack; returns the exit code. */
export function runValidate(location: string, options: ValidateOptions, io: CliIo): number {
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
  const failed = options.strict ? issues.length > 0 : hasErrors(issues);
  const report: ValidationReport = { valid: !failed, pack: packIdentity(result?.manifest), documents: Object.keys(folder.documents).length, issues };
  io.out(options.format === 'json' ? formatJson(report) : formatText(report));
  return failed ? EXIT.invalid : EXIT.valid;
}

export function validateCommand(io: CliIo): Command {
  return new Command('validate')
    .description('check a pack folder: the manifest and every document against their schemas, then every reference between them')
    .argument('[folder]', 'the pack folder, or its pack.json', '.')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--strict', 'fail on warnings too', false)
    .action((folder: string, options: ValidateOptions) => {
      io.setExitCode(runValidate(folder, options, io));
    });
}
