import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Logger } from 'nestjs-pino';
import { AppModule, type ModuleImport } from './app.module';
import { assignRequestId } from './common/request-id';
import { loadConfig, type Environment } from './config/config.load';
import type { AppConfig } from './config/env.variables';
import type { DatabaseConnection } from './database/database-connection';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './database/embedded-postgres';
import { bootLogger, createRootLogger } from './logging/root.logger';
import { serveWebApp } from './web/static-web';

export interface CreateAppOptions {
  /** Settings source; process.env by default. Tests pass their own. */
  env?: Environment;
  imports?: ModuleImport[];
}

export interface TesseraApp {
  app: NestExpressApplication;
  config: AppConfig;
  database: DatabaseConnection;
  /** Starts the HTTP server on PORT/HOST; resolves to the base URL. */
  listen(): Promise<string>;
  /** Closes, in order: HTTP server and Nest modules, the DataSource, the embedded database. Idempotent. */
  close(): Promise<void>;
}

/**
 * Builds the whole API process: validated settings (a bad value throws ConfigError and
 * nothing starts), the database (embedded PGlite unless DATABASE_URL), migrations, modules.
 */
export async function createApp(options: CreateAppOptions = {}): Promise<TesseraApp> {
  const config = loadConfig(options.env ?? process.env);
  const root = createRootLogger(config.LOG_LEVEL);
  let embedded: EmbeddedPostgres | undefined;
  try {
    if (config.DATABASE_URL === undefined) embedded = await startEmbeddedPostgres(path.join(config.DATA_DIR, 'pg'));
    const database: DatabaseConnection = embedded
      ? { driver: 'pglite', url: embedded.url }
      : { driver: 'postgres', url: config.DATABASE_URL as string };

    // Connecting and migrating happen here, while the module graph is built.
    const app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot({ config, database, logger: root, imports: options.imports }),
      { logger: bootLogger(root), abortOnError: false },
    );
    return assemble(app, config, database, embedded);
  } catch (error) {
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
}

async function assemble(
  app: NestExpressApplication,
  config: AppConfig,
  database: DatabaseConnection,
  embedded: EmbeddedPostgres | undefined,
): Promise<TesseraApp> {
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.setGlobalPrefix('api');
  // Before everything else (body parsing included), so every response carries an id.
  app.use(assignRequestId);
  const webServed = serveWebApp(app, config.WEB_DIST_DIR);
  await app.init();
  if (!webServed) app.get(Logger).log(`No web app at ${config.WEB_DIST_DIR}; serving the API only`, 'Web');

  let closing: Promise<void> | undefined;
  return {
    app,
    config,
    database,
    listen: async () => {
      await app.listen(config.PORT, config.HOST);
      const { port } = app.getHttpServer().address() as AddressInfo;
      const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
      return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    },
    close: () =>
      (closing ??= (async () => {
        try {
          await app.close(); // TypeORM destroys the DataSource (the pool) on shutdown
        } finally {
          await embedded?.stop();
        }
      })()),
  };
}
