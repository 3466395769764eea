import { Command, CommanderError } from 'commander';
import type { CliIo } from './cli-io';
import { metadataValidateCommand } from './metadata/validate.command';
import { bundleCommand as packBundleCommand } from './pack/bundle.command';
import { exportCommand as packExportCommand } from './pack/export.command';
import { importCommand as packImportCommand } from './pack/import.command';
import { planCommand as packPlanCommand } from './pack/plan.command';
import { validateCommand as packValidateCommand } from './pack/validate.command';

/** Exit code of a command line that commander refuses (unknown command or option, missing argument). */
export const USAGE_EXIT = 2;

/** Command groups and their subcommands; each subcommand is one file and one entry here. */
const GROUPS: [name: string, description: string, commands: ((io: CliIo) => Command)[]][] = [
  ['metadata', 'check metadata documents', [metadataValidateCommand]],
  ['pack', 'validate, plan, import and export template packs', [packValidateCommand, packBundleCommand, packPlanCommand, packImportCommand, packExportCommand]],
];

function eachCommand(command: Command, apply: (c: Command) => void): void {
  apply(command);
  for (const sub of command.commands) eachCommand(sub, apply);
}

/** The tessera command line, built fresh so tests can run it in-process. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('tessera').description('Tessera command line');
  for (const [name, description, commands] of GROUPS) {
    const group = new Command(name).description(description);
    for (const command of commands) group.addCommand(command(io));
    program.addCommand(group);
  }
  // addCommand does not pass settings down, and commander would otherwise write to
  // the process and call process.exit from any subcommand.
  eachCommand(program, (c) => c.configureOutput({ writeOut: io.out, writeErr: io.err }).exitOverride());
  return program;
}

/**
 * Runs the command line (arguments after the program name) and returns the exit code,
 * also given to io: what a command sets, 0 for help, USAGE_EXIT for a refused command line.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let code = 0;
  const recording: CliIo = { ...io, setExitCode: (c) => (code = c) };
  try {
    await buildProgram(recording).parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    code = e.exitCode === 0 ? 0 : USAGE_EXIT;
  }
  io.setExitCode(code);
  return code;
}
