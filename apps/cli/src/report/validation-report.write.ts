import { Command, Option } from 'commander';
import { hasErrors } from '@tessera/metadata';
import type { CliIo } from '../cli-io';
import { formatJson, formatText, type ValidationReport } from './validation-report.format';

/** Exit codes of the validate commands: 0 valid, 1 invalid, 2 nothing to validate (no such path, nothing to read). */
export const EXIT = { valid: 0, invalid: 1, unreadable: 2 } as const;

export interface ReportOptions {
  format: 'text' | 'json';
  /** Warnings fail the run too. */
  strict: boolean;
}

/** The options every validate command takes. */
export function withReportOptions(command: Command): Command {
  return command
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--strict', 'fail on warnings too', false);
}

/** Decides whether the run passed, writes the report to stdout and returns the exit code. */
export function writeReport(found: Omit<ValidationReport, 'valid'>, options: ReportOptions, io: CliIo): number {
  const failed = options.strict ? found.issues.length > 0 : hasErrors(found.issues);
  const report: ValidationReport = { valid: !failed, ...found };
  io.out(options.format === 'json' ? formatJson(report) : formatText(report));
  return failed ? EXIT.invalid : EXIT.valid;
}
