import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfigService } from '../config/app-config.service';
import { MetadataModule } from '../metadata/metadata.module';
import { BullQueue } from './bull.queue';
import { DeadLetterRepository } from './dead-letter.repository';
import { DeadLettersController } from './dead-letters.controller';
import { InProcessQueue } from './in-process.queue';
import { JobHandlers } from './job-handlers';
import { JobProcessedRepository } from './job-processed.repository';
import { JOB_QUEUE, type JobQueue } from './job-queue';
import { JobRunner } from './job.runner';
import { JobsLifecycle } from './jobs.lifecycle';
import { JobsService } from './jobs.service';
import { OutboxRelay } from './outbox.relay';

/**
 * Owns `job`, `job_processed` and `job_dead_letter`: relays outbox events to BullMQ
 * (REDIS_URL) or to the in-process queue, runs the handlers other modules register,
 * keeps their effects idempotent and lists the jobs that gave up
 * (/api/admin/jobs/dead-letters).
 */
@Module({
  imports: [MetadataModule],
  controllers: [DeadLettersController],
  providers: [
    JobHandlers,
    JobProcessedRepository,
    DeadLetterRepository,
    JobRunner,
    {
      provide: JOB_QUEUE,
      inject: [AppConfigService, DataSource, JobRunner],
      useFactory: (config: AppConfigService, dataSource: DataSource, runner: JobRunner): JobQueue => {
        const url = config.get('REDIS_URL');
        const lockMs = config.get('JOB_LOCK_DURATION');
        return url
          ? new BullQueue(runner, { url, prefix: config.get('QUEUE_PREFIX'), lockMs, concurrency: 4 })
          : new InProcessQueue(dataSource, runner, { pollMs: config.get('OUTBOX_POLL_INTERVAL'), lockMs });
      },
    },
    OutboxRelay,
    JobsService,
    JobsLifecycle,
  ],
  exports: [JobsService, OutboxRelay, JOB_QUEUE],
})
export class JobsModule {}
