import { Injectable } from '@nestjs/common';
import { uuidv7 } from '../common/uuid7';
import { checksumDocuments } from './documents.checksum';
import type { MetadataVersion, StoredDocument } from './metadata-version';
import { MetadataVersionRepository } from './metadata-version.repository';

export interface AppendVersionInput {
  documents: StoredDocument[];
  publishedBy?: string | null;
  note?: string | null;
}

/**
 * Published metadata versions. Publishing proper (validate, lint, diff, apply the schema
 * change, then this row, in one transaction) builds on `appendVersion`.
 */
@Injectable()
export class MetadataService {
  constructor(private readonly versions: MetadataVersionRepository) {}

  /** The version the runtime serves, or null before the first publish. */
  latest(): Promise<MetadataVersion | null> {
    return this.versions.findLatest();
  }

  byVersion(version: number): Promise<MetadataVersion | null> {
    return this.versions.findByVersion(version);
  }

  /** Stores `documents` as the next version, as given: callers validate first. */
  appendVersion(input: AppendVersionInput): Promise<MetadataVersion> {
    return this.versions.appendNext({
      id: uuidv7(),
      documents: input.documents,
      checksum: checksumDocuments(input.documents),
      publishedBy: input.publishedBy ?? null,
      note: input.note ?? null,
    });
  }
}
