import type { AttachmentField } from '@tessera/metadata';

/** Defaults of `maxFiles` and `maxSizeMb` in schemas/object.schema.json (a test keeps them equal). */
export const DEFAULT_MAX_FILES = 10;
export const DEFAULT_MAX_SIZE_MB = 20;

const MIB = 1024 * 1024;

/** Room for multipart boundaries, part headers and the small text fields of one request. */
const ENVELOPE_BYTES = 64 * 1024;

export interface AttachmentLimits {
  field: string;
  maxFiles: number;
  maxSizeMb: number;
  /** Per file, in bytes (maxSizeMb MiB). */
  maxFileBytes: number;
  accept?: readonly string[];
  /** Category keys; empty when the field declares none (then files have no category). */
  categories: readonly string[];
}

export function attachmentLimits(field: AttachmentField): AttachmentLimits {
  const maxSizeMb = field.maxSizeMb ?? DEFAULT_MAX_SIZE_MB;
  return {
    field: field.key,
    maxFiles: field.maxFiles ?? DEFAULT_MAX_FILES,
    maxSizeMb,
    maxFileBytes: Math.floor(maxSizeMb * MIB),
    accept: field.accept?.length ? field.accept : undefined,
    categories: (field.categories ?? []).map((c) => c.key),
  };
}

/**
 * The most bytes one upload request may carry: the files that still fit under
 * maxFiles, each at its size limit, plus the multipart envelope. Anything longer
 * is refused before (Content-Length) or while (byte count) it is read.
 */
export function requestByteLimit(limits: AttachmentLimits, slotsLeft: number): number {
  return Math.max(slotsLeft, 1) * (limits.maxFileBytes + ENVELOPE_BYTES) + ENVELOPE_BYTES;
}

/** "1.5 MB" for messages; MB here means MiB, as in the metadata. */
export const formatMb = (mb: number) => `${Number(mb.toFixed(2))} MB`;
