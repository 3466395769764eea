import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLoggerContract } from 'typeorm';

/**
 * Sends TypeORM's messages through the app logger (pino JSON) instead of the console.
 * Bind parameters are never logged: they are user data.
 */
export class TypeOrmLogger implements TypeOrmLoggerContract {
  private readonly logger = new Logger('Database');

  logQuery(query: string): void {
    this.logger.verbose({ query }, 'query');
  }

  logQueryError(error: string | Error, query: string): void {
    this.logger.warn({ err: error, query }, 'query failed');
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ durationMs: time, query }, 'slow query');
  }

  logSchemaBuild(message: string): void {
    this.logger.log(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(message);
    else this.logger.log(message);
  }
}
