import { Command } from 'commander';
import type { CliIo } from './cli-io';
import { validateCommand } from './pack/validate.command';

/** Subcommands of `tessera pack`; each is one file under pack/ and one entry here. */
const PACK_COMMANDS: ((io: CliIo) => Command)[] = [validateCommand];

/** The tessera command line, built fresh so tests can run it in-process. */
export function buildProgram(io: CliIo): Command {
  const pack = new Command('pack').description('validate, plan, import and export template packs');
  for (const command of PACK_COMMANDS) pack.addCommand(command(io));
  return new Command('tessera')
    .description('Tessera command line')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .addCommand(pack);
}
