import type { EntityManager } from 'typeorm';
import type { NewJob } from './job';

/**
 * Where jobs wait: BullMQ on Redis, or the `job` table in-process. The relay enqueues
 * inside its transaction (the in-process queue writes through `m`, so the outbox mark
 * and the job commit together; BullMQ dedupes job ids when a commit after an add fails).
 */
export interface JobQueue {
  readonly driver: 'bullmq' | 'in-process';
  enqueue(m: EntityManager | undefined, jobs: readonly NewJob[]): Promise<void>;
  /** Whether jobs can be enqueued now (Redis connected). */
  ready(): boolean;
  /** Starts consuming in this process (RUN_WORKERS). */
  startConsumer(): void;
  close(): Promise<void>;
}

export const JOB_QUEUE = Symbol('JobQueue');
