/** A metadata document as stored: it validates against the schema of its `kind`. */
export type StoredDocument = { kind: string; key: string } & Record<string, unknown>;

/** One published, immutable version of the whole metadata set. */
export interface MetadataVersion {
  id: string;
  version: number;
  documents: StoredDocument[];
  /** sha256 of the canonical JSON of `documents`: equal sets, equal checksums. */
  checksum: string;
  publishedAt: Date;
  publishedBy: string | null;
  note: string | null;
}
