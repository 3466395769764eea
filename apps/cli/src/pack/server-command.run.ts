import { Option, type Command } from 'commander';
import type { CliIo } from '../cli-io';
import { formatText } from '../report/validation-report.format';
import { EXIT } from '../report/validation-report.write';
import { packIdentity } from '../report/validation-report.format';
import { problemLines, ServerClient, ServerUnreachableError, type ServerResponse } from '../server/server-client';
import { withServerOptions, type ServerOptions } from '../server/server-options';
import { bundleLocation, readPackSource, type PackSource } from './pack-source.read';
import { PackNotFoundError } from './pack-folder.read';
import { hasErrors } from '@tessera/metadata';

export interface OutputOptions {
  format: 'text' | 'json';
}

/** Server options plus --format, for the commands that talk to a running server. */
export function withServerCommandOptions(command: Command): Command {
  return withServerOptions(command).addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'));
}

/** Prints the problems of an error answer as file:pointer: message lines (pointers into the bundle mapped back to files). */
export function writeProblems(res: ServerResponse, io: CliIo): void {
  for (const { path, message } of problemLines(res)) {
    const at = bundleLocation(path);
    io.out(`${at.file}:${at.pointer}: ${message}\n`);
  }
}

/**
 * Reads and validates the pack locally (exit 1 with the validate report when it is
 * broken: nothing is sent), then runs `work` against the server. Exit 2 when the pack or
 * the server cannot be reached at all.
 */
export async function withPackAndServer(
  location: string, withDemo: boolean, options: ServerOptions, io: CliIo, command: string,
  work: (client: ServerClient, source: PackSource & { bundle: NonNullable<PackSource['bundle']> }) => Promise<number>,
): Promise<number> {
  let source: PackSource;
  try {
    source = readPackSource(location, withDemo);
  } catch (e) {
    if (!(e instanceof PackNotFoundError)) throw e;
    io.err(`tessera pack ${command}: ${e.message}\n`);
    return EXIT.unreadable;
  }
  if (!source.bundle || hasErrors(source.issues)) {
    io.out(formatText({ valid: false, pack: packIdentity(source.manifest), documents: Object.keys(source.bundle?.documents ?? {}).length, issues: source.issues }));
    return EXIT.invalid;
  }
  return withServer(options, io, command, (client) => work(client, source as PackSource & { bundle: NonNullable<PackSource['bundle']> }));
}

export async function withServer(options: ServerOptions, io: CliIo, command: string, work: (client: ServerClient) => Promise<number>): Promise<number> {
  try {
    return await work(await ServerClient.connect(options));
  } catch (e) {
    if (!(e instanceof ServerUnreachableError)) throw e;
    io.err(`tessera pack ${command}: ${e.message}\n`);
    return EXIT.unreadable;
  }
}
