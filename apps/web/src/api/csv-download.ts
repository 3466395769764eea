import { api } from './http';
import { ApiError, type Problem } from './problem';
import { readSession } from '../auth/session';

async function fetchCsv(url: string): Promise<Response> {
  const session = readSession();
  return fetch(url, { headers: { Accept: 'text/csv, application/problem+json', ...(session && { Authorization: `Bearer ${session.accessToken}` }) } });
}

/**
 * Downloads a CSV (a list export, a dashboard widget) as the signed-in user: a plain link cannot carry the bearer
 * token, so the file is fetched and handed to the browser as a blob. An expired token is
 * renewed through an ordinary API call (which refreshes the session) and the fetch retried.
 */
export async function downloadCsv(url: string, fallbackName = 'export.csv'): Promise<void> {
  let res = await fetchCsv(url);
  if (res.status === 401 && readSession()) {
    await api('/api/me').catch(() => undefined);
    res = await fetchCsv(url);
  }
  if (!res.ok) {
    const text = await res.text();
    throw new ApiError(res.status, (text ? JSON.parse(text) : {}) as Problem);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? fallbackName;
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // The click has handed the blob to the download; free it once the browser has read it.
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
