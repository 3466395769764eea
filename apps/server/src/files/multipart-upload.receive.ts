import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';
import { formatMb, requestByteLimit, type AttachmentLimits } from './attachment-limits';
import { cleanFileName } from './file-name.clean';
import { checkFileType } from './file-type.check';
import { fileTooLarge, fileTypeRefused, requestTooLarge, tooManyFiles, uploadMalformed, uploadRefused } from './file-errors';
import type { StorageDriver } from './storage/storage-driver';
import { UploadGuard } from './upload-guard.stream';

/** The text parts an upload may carry, with their longest accepted value (characters). */
const TEXT_PARTS: Readonly<Record<string, number>> = { category: 100, note: 2000 };

export interface ReceiveOptions {
  driver: StorageDriver;
  limits: AttachmentLimits;
  /** Live files the field already holds on this record. */
  existing: number;
  /** Checks the category once the text parts are in (at the first file); returns the refusal, if any. */
  checkCategory(category: string | undefined): Error | undefined;
  /** A fresh file id and its storage key (made from the id only). */
  newFile(): { id: string; key: string };
}

export interface ReceivedFile {
  id: string;
  key: string;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
}

export interface ReceivedUpload {
  category?: string;
  note?: string;
  files: ReceivedFile[];
}

/**
 * Reads one multipart/form-data upload and stores its files through the driver,
 * checking every limit while the bytes stream (nothing is buffered in memory):
 * - text parts `category` and `note` come first (like S3 POST uploads: the rules
 *   that decide about the files are known before the files arrive), then one or
 *   more parts named `file`;
 * - at the first file: the category; at each file: the count; while a file streams:
 *   its size and, from its first bytes, its type; over the whole request: a byte cap.
 * All or nothing: on the first refusal the rest of the request is discarded, every
 * blob already stored for it is deleted, and the promise rejects with that refusal.
 */
export function receiveUpload(req: IncomingMessage, options: ReceiveOptions): Promise<ReceivedUpload> {
  const { driver, limits } = options;
  const slotsLeft = Math.max(limits.maxFiles - options.existing, 0);
  const byteLimit = requestByteLimit(limits, slotsLeft);

  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > byteLimit) {
    discard(req, byteLimit);
    return Promise.reject(requestTooLarge(limits.field, byteLimit));
  }

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      // Browsers send UTF-8 file names raw (not RFC 5987-encoded); busboy's default would read them as latin1.
      defParamCharset: 'utf8',
      limits: { files: slotsLeft + 1, fields: 10, fieldSize: 8 * 1024, parts: slotsLeft + 11, fileSize: limits.maxFileBytes + 1, headerPairs: 20 },
    });
  } catch (error) {
    discard(req, byteLimit);
    return Promise.reject(uploadMalformed(`Send multipart/form-data with a "file" part (${(error as Error).message})`, '', 'upload.content_type'));
  }

  return new Promise<ReceivedUpload>((resolve, reject) => {
    const text: Record<string, string> = {};
    /** Stored files with their position in the request (stores can finish out of order). */
    const files: Array<ReceivedFile & { order: number }> = [];
    const writes: Array<Promise<void>> = [];
    /** Files still streaming; failing the upload stops them so their drivers discard the bytes. */
    const streaming = new Set<UploadGuard>();
    let filesSeen = 0;
    let textClosed = false;
    let failure: Error | undefined;
    let settled = false;

    const counter = new ByteCounter(byteLimit, () => fail(requestTooLarge(limits.field, byteLimit)));

    const finish = async () => {
      if (settled) return;
      settled = true;
      await Promise.allSettled(writes);
      if (failure) {
        await Promise.allSettled(files.map((f) => driver.delete(f.key)));
        reject(failure);
      } else {
        const inOrder = files.sort((a, b) => a.order - b.order).map(({ order: _order, ...f }) => f);
        resolve({ category: text.category, note: text.note, files: inOrder });
      }
    };

    const fail = (error: Error) => {
      if (failure) return;
      failure = error;
      req.unpipe(counter);
      counter.unpipe(parser);
      for (const guard of streaming) guard.destroy(error);
      discard(req, byteLimit);
      void finish();
    };

    const closeText = (): boolean => {
      if (textClosed) return true;
      textClosed = true;
      const refusal = options.checkCategory(text.category);
      if (refusal) fail(refusal);
      return !refusal;
    };

    parser.on('field', (name, value, info) => {
      if (failure) return;
      const max = TEXT_PARTS[name];
      if (max === undefined) return fail(uploadMalformed(`Unexpected part "${name}"; send category, note and file`, `/${name}`, 'part.unexpected'));
      if (textClosed) return fail(uploadMalformed(`Send "${name}" before the files`, `/${name}`, 'part.order'));
      if (name in text) return fail(uploadMalformed(`"${name}" was sent twice`, `/${name}`, 'part.duplicate'));
      if (info.valueTruncated || value.length > max) return fail(uploadRefused(`${name} is too long`, [{ path: `/${name}`, code: 'text.too_long', message: `at most ${max} characters` }]));
      text[name] = value;
    });

    parser.on('file', (name, stream, info) => {
      if (failure) return void stream.resume();
      if (name !== 'file') {
        stream.resume();
        return fail(uploadMalformed(`Unexpected file part "${name}"; files go in parts named "file"`, `/${name}`, 'part.unexpected'));
      }
      if (!closeText()) return void stream.resume();
      filesSeen += 1;
      if (options.existing + filesSeen > limits.maxFiles) {
        stream.resume();
        return fail(tooManyFiles(limits.field, limits.maxFiles, options.existing));
      }
      const fileName = cleanFileName(info.filename);
      let mimeType = 'application/octet-stream';
      const guard = new UploadGuard({
        maxBytes: limits.maxFileBytes,
        tooLarge: () => fileTooLarge(limits.field, fileName, formatMb(limits.maxSizeMb)),
        empty: () => uploadRefused(`${fileName} is empty`, [{ path: '/file', code: 'file.empty', message: `${fileName} has no content` }]),
        checkHead: (head) => {
          const verdict = checkFileType({ fileName, declaredMime: info.mimeType, head, accept: limits.accept });
          if (!verdict.ok) return fileTypeRefused(limits.field, verdict.code, verdict.message);
          mimeType = verdict.mimeType;
          return undefined;
        },
      });
      // Its errors reach us through driver.put's rejection; this listener covers the moment
      // before the driver has attached its own (e.g. while it creates a folder).
      guard.on('error', () => undefined);
      const { id, key } = options.newFile();
      const order = filesSeen;
      streaming.add(guard);
      stream.pipe(guard);
      writes.push(
        driver.put(key, guard).then(
          (blob) => {
            streaming.delete(guard);
            files.push({ order, id, key, fileName, mimeType, size: blob.size, sha256: blob.sha256 });
          },
          (error: Error) => {
            streaming.delete(guard);
            stream.resume();
            fail(error);
          },
        ),
      );
    });

    parser.on('filesLimit', () => fail(tooManyFiles(limits.field, limits.maxFiles, options.existing)));
    parser.on('partsLimit', () => fail(uploadMalformed('Too many parts', '', 'upload.parts')));
    parser.on('fieldsLimit', () => fail(uploadMalformed('Too many text parts', '', 'upload.parts')));
    parser.on('error', (error) => fail(uploadMalformed(`The multipart body is malformed: ${(error as Error).message}`)));
    parser.on('close', () => {
      if (failure) return;
      if (!closeText()) return;
      if (filesSeen === 0) return fail(uploadRefused('No file in the upload', [{ path: '/file', code: 'file.required', message: 'send at least one part named "file"' }]));
      void finish();
    });
    // A client that goes away mid-upload: clean up; nobody is left to answer.
    req.on('close', () => {
      if (!req.complete) fail(uploadMalformed('The upload was interrupted', '/file', 'upload.aborted'));
    });

    req.pipe(counter).pipe(parser);
  });
}

/** Counts request bytes on their way to the parser and calls `over` once the cap is passed. */
class ByteCounter extends Transform {
  private seen = 0;

  constructor(
    private readonly cap: number,
    private readonly over: () => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.cap) {
      this.over();
      return done();
    }
    done(null, chunk);
  }
}

/**
 * Reads and drops the rest of a refused request so the client, still sending, gets
 * to read the answer. A client that sends more than `cap` further bytes is cut off.
 */
function discard(req: IncomingMessage, cap: number): void {
  let dropped = 0;
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > cap) req.destroy();
  });
  req.resume();
}
