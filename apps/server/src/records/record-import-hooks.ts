import { Injectable } from '@nestjs/common';
import type { CompiledObject } from '@tessera/engine';
import type { EntityManager } from 'typeorm';
import type { PublishedMetadata } from '../metadata/published-metadata';
import type { RecordData } from './record-row.convert';

/** A batch of records the bulk import has just inserted, as other modules see it. */
export interface RecordImportContext {
  manager: EntityManager;
  /** The metadata the records were validated against (possibly not committed yet). */
  meta: PublishedMetadata;
  object: CompiledObject;
  /** The inserted rows as stored (system columns included: id, owner_id, created_at, ...). */
  rows: RecordData[];
  actorId: string;
  /** What the importer handed on per record id (`ImportRecordInput.hookData`). */
  hookData: ReadonlyMap<string, Record<string, unknown>>;
}

/**
 * A module that keeps its own rows for imported records (the pipelines module opens
 * each record's first stage visit). Hooks run inside the import transaction, after each
 * batch is inserted; throwing rolls the whole import back.
 */
export interface RecordImportHook {
  readonly name: string;
  afterImport(context: RecordImportContext): Promise<void>;
}

/** Where modules register their import hooks, so records never imports them. */
@Injectable()
export class RecordImportHooks {
  private readonly hooks: RecordImportHook[] = [];

  register(hook: RecordImportHook): void {
    if (!this.hooks.some((h) => h.name === hook.name)) this.hooks.push(hook);
  }

  async afterImport(context: RecordImportContext): Promise<void> {
    for (const h of this.hooks) await h.afterImport(context);
  }
}
