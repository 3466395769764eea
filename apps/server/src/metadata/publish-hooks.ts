import { Injectable } from '@nestjs/common';
import type { MetadataDiff, MetadataDocument } from '@tessera/metadata';
import type { QueryRunner } from 'typeorm';

/** What a module sees while a publish is being applied, inside its transaction. */
export interface PublishContext {
  previous: readonly MetadataDocument[];
  next: readonly MetadataDocument[];
  diff: MetadataDiff;
  /** The publish transaction: every statement a hook runs commits or rolls back with it. */
  queryRunner: QueryRunner;
  /** The next version's number. */
  version: number;
  /** The admin chose the non-destructive path: removed things are retired even when they hold data. */
  retire: boolean;
}

/**
 * A module that must change its own tables when metadata is published (records
 * create and alter object tables). Hooks run in registration order, inside the
 * publish transaction; throwing aborts the publish and rolls everything back.
 */
export interface PublishHook {
  readonly name: string;
  apply(context: PublishContext): Promise<void>;
}

/**
 * Where modules register their publish hooks, so the metadata module never has to
 * know the modules that depend on it.
 */
@Injectable()
export class PublishHooks {
  private readonly hooks: PublishHook[] = [];

  register(hook: PublishHook): void {
    if (!this.hooks.some((h) => h.name === hook.name)) this.hooks.push(hook);
  }

  list(): readonly PublishHook[] {
    return this.hooks;
  }
}
