import { Injectable } from '@nestjs/common';
import type { MetadataDocument } from '@tessera/metadata';
import { MetadataVersionRepository } from './metadata-version.repository';
import { EMPTY_METADATA, PublishedMetadata } from './published-metadata';

/** How long a process trusts its cached version before asking the database again. */
const RECHECK_MS = 1000;
/** Older versions kept in memory for work pinned to them (running approvals). */
const PINNED_CACHE = 8;

/**
 * The published metadata the runtime serves. Cached per version: a publish in
 * this process swaps it at once; other instances notice within about RECHECK_MS
 * (one `SELECT max(version)`), so requests never parse metadata.
 *
 * Once loaded, get() never waits for the database: a stale cache is served while
 * a refresh runs in the background. Callers inside a transaction hold a pool
 * connection; making them wait for a second one deadlocks a busy pool.
 */
@Injectable()
export class MetadataRuntime {
  private current: PublishedMetadata = EMPTY_METADATA;
  private checkedAt = 0;
  private loaded = false;
  private loading?: Promise<PublishedMetadata>;
  private readonly pinned = new Map<number, Promise<PublishedMetadata | undefined>>();

  constructor(private readonly versions: MetadataVersionRepository) {}

  async get(): Promise<PublishedMetadata> {
    if (Date.now() - this.checkedAt < RECHECK_MS) return this.current;
    const refresh = (this.loading ??= this.refresh().finally(() => (this.loading = undefined)));
    if (!this.loaded) return refresh;
    refresh.catch(() => undefined); // a failed background check is retried on the next call
    return this.current;
  }

  /**
   * A published version by number, current or older: what work pinned to a version (a
   * running approval keeps the flow version it started with) interprets. Immutable, so
   * cached; undefined for a version that was never published.
   */
  async atVersion(version: number): Promise<PublishedMetadata | undefined> {
    const current = await this.get();
    if (version === current.version) return current;
    let hit = this.pinned.get(version);
    if (!hit) {
      hit = this.versions.findByVersion(version).then((row) => row ? new PublishedMetadata(row.version, row.documents as unknown as MetadataDocument[]) : undefined);
      hit.catch(() => this.pinned.delete(version));
      this.pinned.set(version, hit);
      if (this.pinned.size > PINNED_CACHE) this.pinned.delete(this.pinned.keys().next().value!);
    }
    return hit;
  }

  /** Adopts a version just published by this process. */
  adopt(version: number, documents: readonly MetadataDocument[]): PublishedMetadata {
    if (version >= this.current.version) this.current = new PublishedMetadata(version, documents);
    this.checkedAt = Date.now();
    this.loaded = true;
    return this.current;
  }

  private async refresh(): Promise<PublishedMetadata> {
    const latest = await this.versions.latestNumber();
    if (latest !== this.current.version) {
      const row = await this.versions.findByVersion(latest);
      // A refresh that read the version number before a publish of this process committed
      // must not put the older version back over the one adopt() installed meanwhile.
      if (row && row.version > this.current.version) this.current = new PublishedMetadata(row.version, row.documents as unknown as MetadataDocument[]);
    }
    this.checkedAt = Date.now();
    this.loaded = true;
    return this.current;
  }
}
