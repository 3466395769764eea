import type { IncomingMessage, ServerResponse } from 'node:http';
import { uuidv7 } from './uuid7';

export const REQUEST_ID_HEADER = 'x-request-id';

// A caller's id is kept only when it is short and plain, so it cannot forge log lines.
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's `x-request-id` when it is usable, else a fresh UUID v7. */
export function resolveRequestId(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given !== undefined && ACCEPTABLE.test(given) ? given : uuidv7();
}

/**
 * First middleware of the app: every request, including those that fail in body
 * parsing or are served as static files, gets an id, echoed in the response header.
 */
export function assignRequestId(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const id = resolveRequestId(req.headers[REQUEST_ID_HEADER]);
  (req as IncomingMessage & { id: string }).id = id;
  res.setHeader(REQUEST_ID_HEADER, id);
  next();
}

export function requestIdOf(req: IncomingMessage): string {
  const id = (req as IncomingMessage & { id?: unknown }).id;
  return typeof id === 'string' ? id : resolveRequestId(undefined);
}
