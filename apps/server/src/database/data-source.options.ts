import './pg-types';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConnection } from './database-connection';
import { MIGRATIONS_TABLE, migrations } from './migrations';
import { TypeOrmLogger } from './typeorm.logger';

/**
 * TypeORM settings for either database. Tables change only through migrations; they
 * run when the DataSource initializes, so every process sees the schema it expects.
 * Shared by the Nest app and by tools that need a bare DataSource (CLI migrate).
 */
export function dataSourceOptions(connection: DatabaseConnection): DataSourceOptions {
  const embedded = connection.driver === 'pglite';
  return {
    type: 'postgres',
    url: connection.url,
    applicationName: 'tessera',
    // PGlite serves one connection; a second would wait forever for the socket.
    poolSize: embedded ? 1 : 10,
    // An idle client must not be dropped and replaced on PGlite: the slot of the old
    // socket is freed asynchronously and the new one could be refused.
    extra: embedded ? { idleTimeoutMillis: 0 } : {},
    synchronize: false,
    migrations,
    migrationsRun: true,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'all',
    logger: new TypeOrmLogger(),
    maxQueryExecutionTime: 1000,
  };
}
