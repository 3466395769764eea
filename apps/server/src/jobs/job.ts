import type { OutboxEvent } from '../outbox/outbox-event';

/** An outbox event as a job carries it (JSON: times as ISO strings). */
export interface JobEvent {
  id: string;
  type: string;
  object: string | null;
  recordId: string | null;
  payload: Record<string, unknown>;
  actorId: string | null;
  requestId: string | null;
  createdAt: string;
}

export const toJobEvent = (e: OutboxEvent): JobEvent => ({
  id: e.id,
  type: e.type,
  object: e.object,
  recordId: e.recordId,
  payload: e.payload,
  actorId: e.actorId,
  requestId: e.requestId,
  createdAt: new Date(e.createdAt).toISOString(),
});

/** What a queue stores for a job, in Redis or in the `job` table. */
export interface JobData {
  /** Idempotency key: the event id; a retried dead letter keeps it. */
  key: string;
  event: JobEvent;
}

/** A job about to be queued. */
export interface NewJob {
  /** Unique per delivery attempt chain: `<handler>.<key>`, plus `.r<n>` for a retry from the dead-letter list. */
  jobId: string;
  handler: string;
  data: JobData;
  attempts: number;
  backoffMs: number;
}

/** A job as a handler runs it. */
export interface RunningJob {
  jobId: string;
  handler: string;
  data: JobData;
  /** 1 on the first try. */
  attempt: number;
  /** This is the last try: a failure sends it to the dead-letter list. */
  final: boolean;
}

/** Thrown by a handler when trying again cannot help; the job goes to the dead-letter list at once. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

/**
 * Work done for outbox events, in a worker (BullMQ) or in-process. A handler must be
 * idempotent: JobsService.once() writes its effect together with the (handler, key)
 * mark, so a redelivered job changes nothing twice.
 */
export interface JobHandler {
  readonly name: string;
  /** Whether the event makes a job for this handler. Runs inside the relay's transaction: no database access (cached metadata only). */
  accepts(event: OutboxEvent): boolean | Promise<boolean>;
  /** Tries and first backoff for the event's job; the JOB_ATTEMPTS / JOB_BACKOFF settings when absent. */
  policy?(event: OutboxEvent): { attempts?: number; backoffMs?: number };
  run(job: RunningJob): Promise<void>;
}
