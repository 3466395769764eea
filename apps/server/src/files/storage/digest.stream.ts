import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import type { StoredBlob } from './storage-driver';

/**
 * Passes bytes through unchanged while counting them and hashing them with SHA-256,
 * so a driver learns size and checksum in the same pass that stores the blob.
 * Every driver uses it; read `result()` after the stream finished.
 */
export class DigestStream extends Transform {
  private readonly hash = createHash('sha256');
  private size = 0;
  private digest?: string;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    this.hash.update(chunk);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    this.digest = this.hash.digest('hex');
    done();
  }

  result(): StoredBlob {
    if (this.digest === undefined) throw new Error('DigestStream read before it finished');
    return { size: this.size, sha256: this.digest };
  }
}
