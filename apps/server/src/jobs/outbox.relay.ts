import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PollLoop } from '../common/poll-loop';
import { AppConfigService } from '../config/app-config.service';
import { MetadataRuntime } from '../metadata/metadata-runtime.service';
import { OutboxService } from '../outbox/outbox.service';
import { toJobEvent, type NewJob } from './job';
import { JobHandlers } from './job-handlers';
import { JOB_QUEUE, type JobQueue } from './job-queue';

const BATCH = 100;
/** A queue that stops answering mid-add must not keep the relay's transaction (and its connection) open. */
const ENQUEUE_TIMEOUT_MS = 10_000;

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Moves committed outbox events to the job queue: claims undispatched rows (FOR UPDATE
 * SKIP LOCKED, so several relays share the work and none waits), makes one job per
 * handler that accepts the event, enqueues them and marks the rows dispatched in the
 * same transaction. A crash before commit leaves the rows for the next tick; a job added
 * to Redis by a transaction that then failed is added again under the same id, which
 * BullMQ ignores, and the handlers' idempotency covers the rest.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger('Jobs');
  private readonly loop = new PollLoop(
    () => this.tick(),
    () => this.config.get('OUTBOX_POLL_INTERVAL'),
    (message) => this.logger.error(`outbox relay failed: ${message}`),
  );

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly handlers: JobHandlers,
    private readonly runtime: MetadataRuntime,
    private readonly config: AppConfigService,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
  ) {}

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Relays what is pending now (one batch); resolves to how many events were dispatched. */
  relayPending(): Promise<number> {
    return this.loop.runNow();
  }

  private async tick(): Promise<number> {
    if (!this.queue.ready()) return 0;
    // Handlers decide on the current metadata; load it before the transaction holds a connection.
    await this.runtime.get();
    const attempts = this.config.get('JOB_ATTEMPTS');
    const backoffMs = this.config.get('JOB_BACKOFF');
    return this.dataSource.transaction(async (m) => {
      const events = await this.outbox.claimPending(m, BATCH);
      if (events.length === 0) return 0;
      const jobs: NewJob[] = [];
      for (const event of events) {
        for (const handler of this.handlers.all()) {
          if (!(await handler.accepts(event))) continue;
          const policy = handler.policy?.(event) ?? {};
          jobs.push({
            jobId: `${handler.name}.${event.id}`,
            handler: handler.name,
            data: { key: event.id, event: toJobEvent(event) },
            attempts: policy.attempts ?? attempts,
            backoffMs: policy.backoffMs ?? backoffMs,
          });
        }
      }
      await withTimeout(this.queue.enqueue(m, jobs), ENQUEUE_TIMEOUT_MS, 'enqueueing jobs');
      await this.outbox.markDispatched(m, events.map((e) => e.id));
      return events.length;
    });
  }
}
