import { Module, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfigService } from '../config/app-config.service';
import { IdentityModule } from '../identity/identity.module';
import { JobsModule } from '../jobs/jobs.module';
import { JobsService } from '../jobs/jobs.service';
import { MetadataModule } from '../metadata/metadata.module';
import { MetadataRuntime } from '../metadata/metadata-runtime.service';
import { PublishHooks } from '../metadata/publish-hooks';
import { NotificationsModule } from '../notifications/notifications.module';
import { PipelinesModule } from '../pipelines/pipelines.module';
import { RecordsModule } from '../records/records.module';
import { TimersModule } from '../timers/timers.module';
import { TimersService } from '../timers/timers.service';
import { AutomationCatalog } from './automation-catalog';
import { AutomationEventsHandler } from './automation-events.handler';
import { AutomationRelativeTimer } from './automation-relative.timer';
import { AutomationRunRepository } from './automation-run.repository';
import { AutomationRunsController } from './automation-runs.controller';
import { AutomationScheduleTimer } from './automation-schedule.timer';
import { AutomationRunner } from './automation.runner';
import { EFFECT_PROVIDERS, EffectExecutors } from './effects/effect-executors';
import { RecordsUpsertController } from './records-upsert.controller';
import { WebhookHandler } from './webhook.handler';

/**
 * Automations at run time: matches outbox events and its own timers (cron schedules,
 * relative times) to the published automation documents, runs their actions through
 * the other modules' services in one idempotent transaction per run, delivers webhooks,
 * keeps the run log (`automation_run`) and the round-robin positions
 * (`assignment_cursor`). Also serves the inbound upsert by external key.
 */
@Module({
  imports: [MetadataModule, IdentityModule, RecordsModule, TimersModule, NotificationsModule, PipelinesModule, JobsModule],
  controllers: [AutomationRunsController, RecordsUpsertController],
  providers: [
    AutomationCatalog,
    AutomationRunRepository,
    ...EFFECT_PROVIDERS,
    EffectExecutors,
    AutomationRunner,
    AutomationRelativeTimer,
    AutomationScheduleTimer,
    AutomationEventsHandler,
    WebhookHandler,
  ],
})
export class AutomationsModule implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfigService,
    private readonly jobs: JobsService,
    private readonly timers: TimersService,
    private readonly hooks: PublishHooks,
    private readonly runtime: MetadataRuntime,
    private readonly events: AutomationEventsHandler,
    private readonly webhooks: WebhookHandler,
    private readonly schedules: AutomationScheduleTimer,
    private readonly relative: AutomationRelativeTimer,
  ) {}

  onModuleInit(): void {
    this.jobs.register(this.events);
    this.jobs.register(this.webhooks);
    this.timers.register(this.schedules);
    this.timers.register(this.relative);
    // A published schedule gets its first occurrence in the publish transaction.
    this.hooks.register({
      name: 'automation-schedules',
      apply: async (ctx) => {
        await this.schedules.ensure(ctx.queryRunner.manager, ctx.next.filter((d): d is Extract<typeof d, { kind: 'automation' }> => d.kind === 'automation'));
      },
    });
  }

  /** Workers make sure every schedule has its next occurrence (one row, whoever writes it first). */
  async onApplicationBootstrap(): Promise<void> {
    if (this.config.get('RUN_WORKERS') !== 'true') return;
    const meta = await this.runtime.get();
    await this.schedules.ensure(this.dataSource.manager, meta.ofKind('automation'));
  }
}
