import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DATABASE_CONNECTION, type DatabaseConnection } from './database-connection';
import { DatabaseStatusService } from './database-status.service';
import { dataSourceOptions } from './data-source.options';

/**
 * The one DataSource. Feature modules register their entities with
 * `TypeOrmModule.forFeature` (picked up by autoLoadEntities) and their migrations in
 * `migrations.ts`.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(connection: DatabaseConnection): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions(connection),
          autoLoadEntities: true,
          // Fail fast with the driver's message rather than retrying for half a minute.
          retryAttempts: 2,
          retryDelay: 1000,
        }),
      ],
      providers: [{ provide: DATABASE_CONNECTION, useValue: connection }, DatabaseStatusService],
      exports: [DATABASE_CONNECTION, DatabaseStatusService],
    };
  }
}
