#!/usr/bin/env node
import { processIo } from './cli-io';
import { buildProgram } from './program';

buildProgram(processIo)
  .parseAsync(process.argv)
  .catch((e: unknown) => {
    processIo.err(`tessera: ${e instanceof Error ? e.message : String(e)}\n`);
    processIo.setExitCode(2);
  });
