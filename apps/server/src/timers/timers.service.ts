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

  schedule(m: EntityManager, timers: readonly NewTimer[]): Promise<string[]> {
    return this.repo.insert(m, timers);
  }

  /** Deletes a record's pending timers of these kinds, in the caller's transaction. */
  cancel(m: EntityManager, object: string, recordId: string, kinds: readonly string[]): Promise<number> {
    return this.repo.deletePending(m, object, recordId, kinds);
  }

  pendingFor(db: EntityManager | DataSource, object: string, recordId: string): Promise<DueTimer[]> {
    return this.repo.pendingFor(db, object, recordId);
  }
}
