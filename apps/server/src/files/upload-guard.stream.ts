import { Transform, type TransformCallback } from 'node:stream';
import { SNIFF_BYTES } from './content-signature.sniff';

export interface UploadGuardOptions {
  /** Bytes one file may have; one more fails the stream with `tooLarge()`. */
  maxBytes: number;
  tooLarge: () => Error;
  /** Called once with the first SNIFF_BYTES bytes (or the whole file when shorter); an Error fails the stream. */
  checkHead: (head: Buffer) => Error | undefined;
  /** Called at the end when no byte came. */
  empty: () => Error;
}

/**
 * Sits between the multipart parser and the storage driver and enforces a file's
 * limits while it streams: the size as bytes arrive (so a 2 GB file to a 20 MB field
 * stops at 20 MB) and the type as soon as the first bytes are known. Failing the
 * stream makes the driver discard what it wrote.
 */
export class UploadGuard extends Transform {
  private seen = 0;
  private head: Buffer[] = [];
  private headLength = 0;
  private headChecked = false;

  constructor(private readonly options: UploadGuardOptions) {
    super();
  }

  get bytes(): number {
    return this.seen;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.options.maxBytes) return done(this.options.tooLarge());
    if (!this.headChecked) {
      this.head.push(chunk);
      this.headLength += chunk.length;
      if (this.headLength >= SNIFF_BYTES) {
        const error = this.checkHead();
        if (error) return done(error);
      }
    }
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    if (this.seen === 0) return done(this.options.empty());
    done(this.headChecked ? undefined : this.checkHead());
  }

  private checkHead(): Error | undefined {
    this.headChecked = true;
    const head = Buffer.concat(this.head).subarray(0, SNIFF_BYTES);
    this.head = [];
    return this.options.checkHead(head);
  }
}
