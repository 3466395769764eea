#!/usr/bin/env node
import { processIo } from './cli-io';
import { run } from './program';

run(process.argv.slice(2), processIo).catch((e: unknown) => {
  processIo.err(`tessera: ${e instanceof Error ? e.message : String(e)}\n`);
  processIo.setExitCode(2);
});
