import busboy from 'busboy';
import type { Request } from 'express';
import { UserError } from '../common/errors/user.error';

/** A bundle is JSON text; 20 MiB is far above any pack and still keeps one request in check. */
export const MAX_BUNDLE_BYTES = 20 * 1024 * 1024;

const bodyInvalid = (message: string, status = 400) =>
  new UserError({ status, code: status === 413 ? 'bundle-too-large' : 'bundle-unreadable', title: 'The pack bundle cannot be read', errors: [{ path: '', code: 'bundle.read', message }] });

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw bodyInvalid(`not JSON: ${(error as Error).message}`);
  }
}

/** Collects a stream into text, refusing more than MAX_BUNDLE_BYTES. */
function collect(stream: NodeJS.ReadableStream, onTooLarge: () => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BUNDLE_BYTES) {
        onTooLarge();
        reject(bodyInvalid(`larger than ${MAX_BUNDLE_BYTES} bytes`, 413));
        return;
      }
      chunks.push(chunk);
    });
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}

/**
 * The bundle of a pack request, in any of three forms: an application/json body (small
 * bundles; the framework's JSON parser caps it), a raw JSON body of another type
 * (`application/vnd.tessera.pack+json`, what the CLI sends, or application/octet-stream),
 * or a multipart/form-data upload whose first file part is the bundle file.
 */
export async function readBundleBody(req: Request): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) {
    return new Promise((resolve, reject) => {
      let bb: busboy.Busboy;
      try {
        bb = busboy({ headers: req.headers, limits: { files: 1, fileSize: MAX_BUNDLE_BYTES } });
      } catch (error) {
        reject(bodyInvalid((error as Error).message));
        return;
      }
      let got = false;
      bb.on('file', (_name, file) => {
        got = true;
        file.on('limit', () => reject(bodyInvalid(`larger than ${MAX_BUNDLE_BYTES} bytes`, 413)));
        collect(file, () => file.resume()).then((text) => resolve(parse(text)), reject);
      });
      bb.on('close', () => {
        if (!got) reject(bodyInvalid('the upload has no file part'));
      });
      bb.on('error', (error) => reject(bodyInvalid((error as Error).message)));
      req.pipe(bb);
    });
  }
  if (req.body !== undefined && req.body !== null && typeof req.body === 'object' && !Buffer.isBuffer(req.body) && Object.keys(req.body).length > 0) return req.body;
  if (req.readableEnded) throw bodyInvalid('the request has no body');
  return parse(await collect(req, () => req.resume()));
}
