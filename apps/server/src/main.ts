import { Logger } from '@nestjs/common';
import { ConfigError } from './config/config.load';
import { createApp, type TesseraApp } from './create-app';

// A close that hangs (a stuck request, a client holding a connection) must not keep the
// process alive forever; PGlite has flushed by then or never will.
const SHUTDOWN_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  let tessera: TesseraApp;
  try {
    tessera = await createApp();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : `Tessera could not start: ${describe(error)}`);
    process.exit(1);
  }

  const logger = new Logger('Main');
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn(`${signal} again: exiting without a clean shutdown`);
      process.exit(1);
    }
    stopping = true;
    logger.log(`${signal} received, shutting down`);
    setTimeout(() => {
      logger.error(`shutdown took longer than ${SHUTDOWN_TIMEOUT_MS} ms, exiting`);
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    await tessera.close();
    logger.log('stopped');
    process.exit(0);
  };
  process.on('SIGINT', (signal) => void stop(signal));
  process.on('SIGTERM', (signal) => void stop(signal));

  try {
    const url = await tessera.listen();
    logger.log(`Tessera is listening on ${url} (database: ${tessera.database.driver})`);
  } catch (error) {
    console.error(`Tessera could not listen: ${describe(error)}`);
    await tessera.close();
    process.exit(1);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

void main();
