import type { MigrationInterface } from 'typeorm';
import { CreateMetadataVersion1764160000000 } from '../metadata/migrations/1764160000000-create-metadata-version';

/**
 * Every migration of the platform tables, oldest first. A module keeps its migrations in
 * its own `migrations/` folder and adds one line here; TypeORM runs them at start and
 * orders them by the timestamp in their names.
 */
export const migrations: Array<new () => MigrationInterface> = [CreateMetadataVersion1764160000000];

export const MIGRATIONS_TABLE = 'typeorm_migrations';
