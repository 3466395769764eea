import type { ApiClient } from '../support/api-client';

/** Polls `probe` until it returns something truthy; fails after `ms`. */
export async function eventually<T>(probe: () => Promise<T>, ms = 20_000, what = 'condition'): Promise<NonNullable<T>> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Uploads one small PDF to an attachment field, under a category. */
export async function uploadPdf(api: ApiClient, token: string, path: string, category: string): Promise<{ status: number; body: unknown }> {
  const data = new FormData();
  data.append('category', category);
  data.append('file', new Blob([Buffer.from('%PDF-1.7\nstage gate test\n')], { type: 'application/pdf' }), 'survey.pdf');
  const res = await fetch(api.baseUrl + path, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: data });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
