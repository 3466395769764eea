import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { uuidv7 } from '../../common/uuid7';
import { DigestStream } from './digest.stream';
import { assertStorageKey, BlobNotFoundError, type StorageDriver, type StoredBlob } from './storage-driver';

/** Temporary files sit in the same folder tree, so the final rename never crosses file systems. */
const TMP_DIR = '.tmp';

/**
 * Blobs as files under one folder (`$DATA_DIR/files` by default): `<root>/<yyyy>/<mm>/<uuid>`.
 * A blob is written to `<root>/.tmp/<uuid>.part`, flushed, then renamed into place,
 * so a reader never sees half a file and a crash leaves at most a stray `.part`.
 */
export class LocalFolderDriver implements StorageDriver {
  constructor(readonly root: string) {}

  async put(key: string, body: Readable): Promise<StoredBlob> {
    const target = this.pathOf(key);
    const tmpDir = path.join(this.root, TMP_DIR);
    await mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, `${uuidv7()}.part`);
    const digest = new DigestStream();
    // Opened (created) before any byte flows, so a failure at any point below finds the file to remove.
    const handle = await open(tmp, 'wx');
    try {
      // `flush`: the bytes are on disk before the rename makes them visible (a power cut cannot leave an empty blob).
      await pipeline(body, digest, handle.createWriteStream({ flush: true }));
      await mkdir(path.dirname(target), { recursive: true });
      await rename(tmp, target);
    } catch (error) {
      await handle.close().catch(() => undefined); // already closed when the stream got that far
      await rm(tmp, { force: true });
      throw error;
    }
    return digest.result();
  }

  async get(key: string): Promise<Readable> {
    const file = this.pathOf(key);
    // Open first, so a missing blob is a rejected promise rather than an error event mid-response.
    const handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOENT' ? new BlobNotFoundError(key) : error;
    });
    return handle.createReadStream({ autoClose: true });
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    assertStorageKey(key);
    return path.join(this.root, ...key.split('/'));
  }
}
