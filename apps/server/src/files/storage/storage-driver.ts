import type { Readable } from 'node:stream';

/** What a driver learned while storing a blob: computed from the bytes as they passed. */
export interface StoredBlob {
  size: number;
  /** Lower-case hex SHA-256 of the bytes. */
  sha256: string;
}

/**
 * Where attachment bytes live. Keys are made by the files module from ids only
 * (never from a file name or any other user input). A driver writes a blob
 * completely or not at all: when `put` rejects (the source stream errored, the
 * disk is full), nothing is left under the key and no partial bytes stay behind.
 *
 * Adding a backend (e.g. S3-compatible) is one file implementing this interface
 * plus one line in `storage.provider.ts`.
 */
export interface StorageDriver {
  /** Stores the stream under `key`; size and SHA-256 are computed while streaming. */
  put(key: string, body: Readable): Promise<StoredBlob>;
  /** The bytes under `key`; rejects with BlobNotFoundError when there are none. */
  get(key: string): Promise<Readable>;
  /** Removes the blob; a missing key is not an error (deletes are retried by cleanups). */
  delete(key: string): Promise<void>;
}

/** Nest injection token of the configured driver. */
export const STORAGE_DRIVER = Symbol('StorageDriver');

export class BlobNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No stored blob under ${key}`);
    this.name = 'BlobNotFoundError';
  }
}

/**
 * The shape every storage key has: `<yyyy>/<mm>/<uuid>`. Drivers refuse anything else,
 * so a bug that let user input into a key could not reach outside the store.
 */
export const STORAGE_KEY = /^\d{4}\/\d{2}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function storageKeyFor(fileId: string, at: Date): string {
  const key = `${at.getUTCFullYear()}/${String(at.getUTCMonth() + 1).padStart(2, '0')}/${fileId}`;
  assertStorageKey(key);
  return key;
}

export function assertStorageKey(key: string): void {
  if (!STORAGE_KEY.test(key)) throw new RangeError(`Not a storage key: ${JSON.stringify(key)}`);
}
