import { Logger } from '@nestjs/common';
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import Redis from 'ioredis';
import type { EntityManager } from 'typeorm';
import type { JobData, NewJob } from './job';
import type { JobQueue } from './job-queue';
import type { JobRunner } from './job.runner';

export const BULL_QUEUE_NAME = 'jobs';
const CLOSE_TIMEOUT_MS = 5000;

export interface BullSettings {
  url: string;
  prefix: string;
  lockMs: number;
  concurrency: number;
}

/**
 * The queue with Redis: one BullMQ queue, job name = handler. BullMQ keeps the tries,
 * the exponential backoff and the lock (a worker that dies mid-job loses it after
 * lockMs and the job is run again, "stalled"). The Worker only exists in processes that
 * run workers; API instances with RUN_WORKERS=false only add.
 */
export class BullQueue implements JobQueue {
  readonly driver = 'bullmq' as const;
  private readonly logger = new Logger('Jobs');
  private readonly connection: Redis;
  private readonly queue: Queue<JobData>;
  private worker?: Worker<JobData>;

  constructor(
    private readonly runner: JobRunner,
    private readonly settings: BullSettings,
  ) {
    this.connection = new Redis(settings.url, { maxRetriesPerRequest: null });
    this.connection.on('error', (e) => this.logger.warn(`redis: ${e.message}`));
    this.queue = new Queue<JobData>(BULL_QUEUE_NAME, { connection: this.connection, prefix: settings.prefix });
    this.queue.on('error', (e) => this.logger.warn(`queue: ${e.message}`));
  }

  /** Redis answers: the relay only opens its transaction then, so a Redis outage never holds a database connection. */
  ready(): boolean {
    return this.connection.status === 'ready';
  }

  async enqueue(_m: EntityManager | undefined, jobs: readonly NewJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue.addBulk(
      jobs.map((j) => ({
        name: j.handler,
        data: j.data,
        opts: {
          jobId: j.jobId,
          attempts: j.attempts,
          backoff: { type: 'exponential', delay: j.backoffMs },
          removeOnComplete: { age: 3600, count: 10_000 },
          removeOnFail: { age: 7 * 86_400 },
        },
      })),
    );
  }

  startConsumer(): void {
    if (this.worker) return;
    this.worker = new Worker<JobData>(BULL_QUEUE_NAME, (job) => this.process(job), {
      connection: this.connection.duplicate({ maxRetriesPerRequest: null }),
      prefix: this.settings.prefix,
      concurrency: this.settings.concurrency,
      lockDuration: this.settings.lockMs,
      stalledInterval: Math.max(500, Math.floor(this.settings.lockMs / 2)),
      maxStalledCount: 5,
    });
    this.worker.on('error', (e) => this.logger.warn(`worker: ${e.message}`));
  }

  async close(): Promise<void> {
    // Closing waits for running jobs, and for Redis: bounded, so a dead Redis cannot hold a shutdown.
    const wait = this.ready() ? CLOSE_TIMEOUT_MS : 100;
    const bounded = (p: Promise<unknown> | undefined) => Promise.race([p?.catch(() => undefined), new Promise((r) => setTimeout(r, wait).unref())]);
    await bounded(this.worker?.close());
    await bounded(this.queue.close());
    this.connection.disconnect();
  }

  private async process(job: Job<JobData>): Promise<void> {
    const attempt = job.attemptsMade + 1;
    const final = attempt >= (job.opts.attempts ?? 1);
    const done = await this.runner.run({ jobId: String(job.id), handler: job.name, data: job.data, attempt, final });
    // Dead-lettered: BullMQ must not retry what the list now holds.
    if (!done) throw new UnrecoverableError('moved to the dead-letter list');
  }
}
