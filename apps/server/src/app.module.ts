import { Module, type DynamicModule, type ForwardReference, type Type } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AnalyticsModule } from './analytics/analytics.module';
import { ApprovalsModule } from './approvals/approvals.module';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import { AppConfigModule } from './config/app-config.module';
import type { Logger as Pino } from 'pino';
import type { AppConfig } from './config/env.variables';
import type { DatabaseConnection } from './database/database-connection';
import { DatabaseModule } from './database/database.module';
import { FilesModule } from './files/files.module';
import { HealthModule } from './health/health.module';
import { IdentityModule } from './identity/identity.module';
import { JobsModule } from './jobs/jobs.module';
import { AutomationsModule } from './automations/automations.module';
import { LoggingModule } from './logging/logging.module';
import { MetadataModule } from './metadata/metadata.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OutboxModule } from './outbox/outbox.module';
import { PacksModule } from './packs/packs.module';
import { PipelinesModule } from './pipelines/pipelines.module';
import { RecordsModule } from './records/records.module';
import { TimersModule } from './timers/timers.module';

export type ModuleImport = Type<unknown> | DynamicModule | Promise<DynamicModule> | ForwardReference;

export interface AppModuleOptions {
  config: AppConfig;
  database: DatabaseConnection;
  logger: Pino;
  /** Extra modules, e.g. controllers that only tests mount. */
  imports?: ModuleImport[];
}

/** The API process: infrastructure first, then one module per capability. */
@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(options.config),
        LoggingModule.forRoot(options.logger),
        DatabaseModule.forRoot(options.database),
        HealthModule,
        MetadataModule,
        IdentityModule,
        OutboxModule,
        RecordsModule,
        FilesModule,
        TimersModule,
        NotificationsModule,
        PipelinesModule,
        ApprovalsModule,
        AnalyticsModule,
        JobsModule,
        AutomationsModule,
        PacksModule,
        ...(options.imports ?? []),
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
