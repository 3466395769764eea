import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { ConfigError, loadConfig, type Environment } from './config/config.load';
import type { DatabaseConnection } from './database/database-connection';
import { bootLogger, createRootLogger } from './logging/root.logger';

const SHUTDOWN_TIMEOUT_MS = 10_000;

export interface TesseraWorker {
  close(): Promise<void>;
}

/**
 * A worker process: the same modules as the API in a Nest application context without
 * HTTP, always running the background side (outbox relay, job consumers, timer poller).
 * It needs the database the API instances use (DATABASE_URL): embedded PGlite belongs to
 * the one process that started it. Scale out by starting more of these.
 */
export async function createWorker(env: Environment = process.env): Promise<TesseraWorker> {
  const config = loadConfig({ ...env, RUN_WORKERS: 'true' });
  if (config.DATABASE_URL === undefined) throw new ConfigError(['DATABASE_URL must be set for a worker: it shares the database of the API instances']);
  const root = createRootLogger(config.LOG_LEVEL);
  const database: DatabaseConnection = { driver: 'postgres', url: config.DATABASE_URL };
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config, database, logger: root }), { logger: bootLogger(root), abortOnError: false });
  app.useLogger(app.get(PinoNestLogger));
  app.enableShutdownHooks();
  await app.init();
  return { close: () => app.close() };
}

async function main(): Promise<void> {
  let worker: TesseraWorker;
  try {
    worker = await createWorker();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : `Tessera worker could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  const logger = new Logger('Worker');
  logger.log(`Tessera worker ${process.pid} is running`);
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.log(`${signal} received, finishing running jobs`);
    setTimeout(() => process.exit(1), SHUTDOWN_TIMEOUT_MS).unref();
    await worker.close();
    process.exit(0);
  };
  process.on('SIGINT', (s) => void stop(s));
  process.on('SIGTERM', (s) => void stop(s));
}

if (require.main === module) void main();
