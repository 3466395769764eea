import { Injectable } from '@nestjs/common';
import { checkMetadata, diffMetadata, hasErrors, retireRemoved, type MetadataDiff, type MetadataDocument } from '@tessera/metadata';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { UserError } from '../common/errors/user.error';
import { uuidv7 } from '../common/uuid7';
import { checksumDocuments } from './documents.checksum';
import { issuesToErrors } from './metadata-issues.map';
import { MetadataRuntime } from './metadata-runtime.service';
import type { StoredDocument } from './metadata-version';
import { MetadataVersionRepository } from './metadata-version.repository';
import { PublishHooks } from './publish-hooks';

export interface PublishInput {
  documents: unknown[];
  /** The non-destructive path: removed fields, options and objects are kept, retired. */
  retire?: boolean;
  note?: string | null;
  publishedBy?: string | null;
}

export interface PublishResult {
  version: number;
  /** True when the documents equal the published version (nothing was written). */
  unchanged: boolean;
  diff: MetadataDiff;
}

/** A publish applied inside a caller's transaction, not yet committed. */
export interface PendingPublish {
  result: PublishResult;
  /** The documents of the version the runtime will serve once committed. */
  documents: readonly MetadataDocument[];
  /** Call after the caller's commit: this process serves the new version at once. */
  adopt(): void;
}

/** Schema + lint; throws 422 with a pointer per issue. Returns the typed documents. */
export function assertValidMetadata(documents: unknown[]): MetadataDocument[] {
  if (!Array.isArray(documents)) {
    throw new UserError({ code: 'metadata-invalid', title: 'Metadata is invalid', errors: [{ path: '/documents', code: 'type', message: 'documents must be an array' }] });
  }
  const check = checkMetadata(documents.map((document, i) => ({ source: String(i), document })));
  if (hasErrors(check.issues)) {
    throw new UserError({
      code: 'metadata-invalid',
      title: 'Metadata is invalid',
      detail: `${check.issues.filter((i) => i.severity === 'error').length} problem(s) in the metadata`,
      errors: issuesToErrors(check.issues.filter((i) => i.severity === 'error')),
    });
  }
  return documents as MetadataDocument[];
}

/**
 * Publishing: validate and lint, diff against the published version, let each
 * module apply its schema changes (object tables), then write the new immutable
 * version row — all in one transaction, so a failure anywhere leaves database
 * and version exactly as they were.
 */
@Injectable()
export class MetadataPublishService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly versions: MetadataVersionRepository,
    private readonly hooks: PublishHooks,
    private readonly runtime: MetadataRuntime,
  ) {}

  /** What publishing these documents would change (no writes). */
  async preview(documents: unknown[]): Promise<MetadataDiff> {
    const next = assertValidMetadata(documents);
    const latest = await this.versions.findLatest();
    return diffMetadata((latest?.documents ?? []) as unknown as MetadataDocument[], next);
  }

  /** The published documents, read inside the caller's transaction (taking the publish lock). */
  async latestDocuments(m: EntityManager): Promise<MetadataDocument[]> {
    return ((await this.versions.lockLatest(m))?.documents ?? []) as unknown as MetadataDocument[];
  }

  async publish(input: PublishInput): Promise<PublishResult> {
    const given = assertValidMetadata(input.documents);
    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    try {
      const pending = await this.publishWithin(qr, { ...input, documents: () => given });
      await qr.commitTransaction();
      pending.adopt();
      return pending.result;
    } catch (error) {
      if (qr.isTransactionActive) await qr.rollbackTransaction();
      throw error;
    } finally {
      await qr.release();
    }
  }

  /**
   * The publish inside a transaction the caller owns (a pack import publishes, then
   * writes org units, users and records, and commits all of it or nothing). Takes the
   * publish lock, builds the documents from the latest version (`documents(previous)`),
   * validates them, runs the hooks and writes the version row through `qr`. Nothing is
   * visible to the runtime until the caller commits and calls `adopt()`.
   */
  async publishWithin(
    qr: QueryRunner,
    input: Omit<PublishInput, 'documents'> & { documents: (previous: readonly MetadataDocument[]) => unknown[] },
  ): Promise<PendingPublish> {
    const latest = await this.versions.lockLatest(qr.manager);
    const previous = (latest?.documents ?? []) as unknown as MetadataDocument[];
    const given = assertValidMetadata(input.documents(previous));
    const diff = diffMetadata(previous, given);
    // Removed things are always kept as retired (their columns stay); whether that may
    // hide stored values is the hooks' data-risk check, decided by input.retire.
    const next = retireRemoved(previous, given);
    if (latest && checksumDocuments(next as unknown as StoredDocument[]) === latest.checksum) {
      return { result: { version: latest.version, unchanged: true, diff }, documents: previous, adopt: () => undefined };
    }
    const version = (latest?.version ?? 0) + 1;
    for (const hook of this.hooks.list()) {
      await hook.apply({ previous, next, diff, queryRunner: qr, version, retire: input.retire === true });
    }
    const row = await this.versions.appendNext(
      {
        id: uuidv7(),
        documents: next as unknown as StoredDocument[],
        checksum: checksumDocuments(next as unknown as StoredDocument[]),
        publishedBy: input.publishedBy ?? null,
        note: input.note ?? null,
      },
      qr.manager,
    );
    return { result: { version: row.version, unchanged: false, diff }, documents: next, adopt: () => void this.runtime.adopt(row.version, next) };
  }
}
