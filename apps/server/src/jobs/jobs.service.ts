import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { UserError } from '../common/errors/user.error';
import { AppConfigService } from '../config/app-config.service';
import { DeadLetterRepository, type DeadLetter } from './dead-letter.repository';
import type { JobHandler } from './job';
import { JobHandlers } from './job-handlers';
import { JobProcessedRepository } from './job-processed.repository';
import { JOB_QUEUE, type JobQueue } from './job-queue';

/** What other modules use: register handlers, make their effects idempotent; and the admin's dead-letter list. */
@Injectable()
export class JobsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly handlers: JobHandlers,
    private readonly processed: JobProcessedRepository,
    private readonly deadLetters: DeadLetterRepository,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly config: AppConfigService,
  ) {}

  register(handler: JobHandler): void {
    this.handlers.register(handler);
  }

  get driver(): JobQueue['driver'] {
    return this.queue.driver;
  }

  /**
   * Runs `work` in a transaction that also marks (handler, key) processed; when it was
   * processed already, nothing runs and the result is `{ done: false }`. The mark and
   * the effect commit together, so a job delivered twice (a retry, a killed worker's
   * job run again) has its effect once.
   */
  async once<T>(handler: string, key: string, work: (m: EntityManager) => Promise<T>): Promise<{ done: true; result: T } | { done: false }> {
    return this.dataSource.transaction(async (m) => {
      if (!(await this.processed.mark(m, handler, key))) return { done: false } as const;
      return { done: true, result: await work(m) } as const;
    });
  }

  /** Marks (handler, key) processed in the caller's transaction; false when it was already. */
  markProcessed(m: EntityManager, handler: string, key: string): Promise<boolean> {
    return this.processed.mark(m, handler, key);
  }

  isProcessed(handler: string, key: string): Promise<boolean> {
    return this.processed.has(handler, key);
  }

  listDeadLetters(opts: { open: boolean; handler?: string; limit: number }): Promise<DeadLetter[]> {
    return this.deadLetters.list(opts);
  }

  /** Queues a dead-lettered job again (its key, so what it did before stays done), once. */
  async retryDeadLetter(id: string): Promise<{ deadLetter: DeadLetter; jobId: string }> {
    const current = await this.deadLetters.find(id);
    if (!current) throw new UserError({ status: 404, code: 'dead-letter-not-found', title: 'Dead letter not found', detail: `No dead letter ${id}` });
    if (current.retriedAt) throw new UserError({ status: 409, code: 'dead-letter-retried', title: 'This job was retried already', detail: `Retried at ${current.retriedAt}; a new failure makes a new dead letter` });
    const handler = this.handlers.get(current.handler);
    return this.dataSource.transaction(async (m) => {
      const claimed = await this.deadLetters.markRetried(m, id);
      if (!claimed) throw new UserError({ status: 409, code: 'dead-letter-retried', title: 'This job was retried already' });
      const n = await this.deadLetters.timesFor(m, current.handler, current.key);
      const jobId = `${current.handler}.${current.key}.r${n}`;
      const event = current.data.event;
      const policy = handler?.policy?.({ ...event, createdAt: new Date(event.createdAt), dispatchedAt: null }) ?? {};
      await this.queue.enqueue(m, [{ jobId, handler: current.handler, data: current.data, attempts: policy.attempts ?? this.config.get('JOB_ATTEMPTS'), backoffMs: policy.backoffMs ?? this.config.get('JOB_BACKOFF') }]);
      return { deadLetter: claimed, jobId };
    });
  }
}
