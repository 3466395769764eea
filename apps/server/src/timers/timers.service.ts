import { Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { DueTimer, NewTimer, TimerHandler } from './timer';
import { TimerHandlers } from './timer-handlers';
import { TimerRepository } from './timer.repository';

/** What other modules use: schedule and cancel timers in their own transaction, register handlers. */
@Injectable()
export class TimersService {
  constructor(
    private readonly repo: TimerRepository,
    private readonly handlers: TimerHandlers,
  ) {}

  register(handler: TimerHandler): void {
    this.handlers.register(handler);
  }

  /** Writes the timers in the caller's transaction; a timer whose key exists already is skipped. Returns the ids written. */
  schedule(m: EntityManager, timers: readonly NewTimer[]): Promise<string[]> {
    return this.repo.insert(m, timers);
  }

  /** Deletes a record's pending timers of these kinds, in the caller's transaction. */
  cancel(m: EntityManager, object: string, recordId: string, kinds: readonly string[]): Promise<number> {
    return this.repo.deletePending(m, object, recordId, kinds);
  }

  /** Deletes a record's pending timers of `kind` whose reference contains `reference`, in the caller's transaction. */
  cancelMatching(m: EntityManager, kind: string, object: string, recordId: string, reference: Record<string, unknown>): Promise<number> {
    return this.repo.deletePendingMatching(m, kind, object, recordId, reference);
  }

  hasKey(db: EntityManager | DataSource, key: string): Promise<boolean> {
    return this.repo.hasKey(db, key);
  }

  pendingFor(db: EntityManager | DataSource, object: string, recordId: string): Promise<DueTimer[]> {
    return this.repo.pendingFor(db, object, recordId);
  }
}
