import type { EntityManager } from 'typeorm';

/**
 * When a new timer is due: `after` (an ISO 8601 duration) from `from` (now, on the
 * database clock, when absent), less `before`.
 */
export interface TimerDue {
  after: string;
  before?: string;
  from?: Date;
}

export interface NewTimer {
  /** Selects the handler, e.g. `stage.timeout`, `approval.sla`. */
  kind: string;
  due: TimerDue;
  object?: string;
  recordId?: string;
  /** What the timer is about beyond the record (pipeline and stage, approval instance and step). */
  reference?: Record<string, unknown>;
  /** Whatever the handler needs when it fires. */
  payload?: Record<string, unknown>;
  /** Unique over all timers, fired ones included: a second timer with the key is not written (one per cron occurrence). */
  key?: string;
}

export interface DueTimer {
  id: string;
  kind: string;
  dueAt: Date;
  object: string | null;
  recordId: string | null;
  reference: Record<string, unknown>;
  payload: Record<string, unknown>;
  createdAt: Date;
  /** 1 on the first try. */
  attempts: number;
}

/**
 * What runs when a timer of its kind is due.
 *
 * `prepare` (optional) reads what the firing needs (the record, recipients) before the
 * firing transaction: reads through other modules' services use the pool, and embedded
 * PGlite has a single connection, which the transaction holds. It may run on two
 * instances for one timer; only one of them fires.
 *
 * `fire` runs inside the transaction that claims the timer and marks it fired:
 * everything it writes through `manager` commits with that mark or not at all, so a
 * crash re-runs it and nothing is done twice. Throwing (in either) rolls back and the
 * timer is retried with backoff.
 */
export interface TimerHandler<P = unknown> {
  readonly kind: string;
  prepare?(timer: DueTimer): Promise<P>;
  fire(timer: DueTimer, manager: EntityManager, prepared: P): Promise<void>;
}
