import { Injectable } from '@nestjs/common';
import type { CompiledObject } from '@tessera/engine';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../identity/actor';
import type { RecordData } from './record-row.convert';

/** A write about to be committed, as other modules see it. */
export interface RecordWriteContext {
  actor: Actor;
  object: CompiledObject;
  action: 'create' | 'update' | 'delete' | 'restore';
  /** The stored record before the write (absent on create). */
  before?: RecordData;
  /** The record as it will be after the write. */
  after: RecordData;
  /** Keys of the fields this write changes. */
  changed: ReadonlySet<string>;
  /** The write's transaction. */
  manager: EntityManager;
}

/**
 * A rule another module enforces on record writes (an approval locks a record; a
 * stage gate guards the stage field). Guards run inside the write transaction,
 * after validation and before the row is written; throwing refuses the write.
 */
export interface RecordWriteGuard {
  readonly name: string;
  check(context: RecordWriteContext): Promise<void>;
}

/** Where modules register their write guards, so records never imports them. */
@Injectable()
export class RecordWriteGuards {
  private readonly guards: RecordWriteGuard[] = [];

  register(guard: RecordWriteGuard): void {
    if (!this.guards.some((g) => g.name === guard.name)) this.guards.push(guard);
  }

  async check(context: RecordWriteContext): Promise<void> {
    for (const g of this.guards) await g.check(context);
  }
}
