import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestIdOf } from '../common/request-id';

/** Who and where a request comes from, for the audit rows written while serving it. */
export interface RequestContext {
  requestId: string;
  ip: string | null;
  /** Set by the auth guard once the caller is known. */
  actor?: { id: string; name: string };
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The context of the request being served, if any (jobs run without one). */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Express middleware: everything downstream of it, awaited or not, sees the request's context. */
export function withRequestContext(req: IncomingMessage & { ip?: string }, _res: ServerResponse, next: () => void): void {
  storage.run({ requestId: requestIdOf(req), ip: req.ip ?? req.socket?.remoteAddress ?? null }, next);
}
