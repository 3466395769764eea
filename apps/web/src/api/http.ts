import { readSession, writeSession } from '../auth/session';
import { ApiError, type Problem } from './problem';

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

// One refresh at a time: parallel 401s wait for the same new pair (a rotated refresh
// token presented twice would end the whole session).
let refreshing: Promise<boolean> | undefined;

async function refresh(): Promise<boolean> {
  const session = readSession();
  if (!session) return false;
  const res = await fetch('/api/auth/refresh', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refreshToken: session.refreshToken }),
  });
  if (!res.ok) {
    writeSession(null);
    return false;
  }
  const body = (await res.json()) as { accessToken: string; refreshToken: string };
  writeSession({ accessToken: body.accessToken, refreshToken: body.refreshToken });
  return true;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const session = readSession();
  const isForm = options.body instanceof FormData;
  return fetch(path, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers: {
      Accept: 'application/json, application/problem+json',
      ...(options.body !== undefined && !isForm && { 'Content-Type': 'application/json' }),
      ...(session && { Authorization: `Bearer ${session.accessToken}` }),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : isForm ? (options.body as FormData) : JSON.stringify(options.body),
  });
}

/** Calls the API as the signed-in user; refreshes the session once on 401; throws ApiError with the problem body. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  let res = await send(path, options);
  if (res.status === 401 && readSession()) {
    refreshing ??= refresh().finally(() => (refreshing = undefined));
    if (await refreshing) res = await send(path, options);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const body: unknown = text ? JSON.parse(text) : undefined;
  if (!res.ok) throw new ApiError(res.status, (body ?? {}) as Problem);
  return body as T;
}
