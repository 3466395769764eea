import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { filesMetadata } from '../fixtures/files-metadata';
import { createOrgMatrix, type OrgMatrix } from '../support/org-matrix';
import { ADMIN_PASSWORD, startTesseraServer, type TesseraServer } from '../support/tessera-server';
import { bytesOf } from './files-client';

const MIB = 1024 * 1024;

interface Problem {
  errors: Array<{ path: string; code: string }>;
}
const BOUNDARY = '----tessera-test-boundary';

/** The multipart head of one `file` part (after an optional category part). */
function head(fileName: string, type: string, category?: string): Buffer {
  const parts = [];
  if (category) parts.push(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="category"\r\n\r\n${category}\r\n`);
  parts.push(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`);
  return Buffer.from(parts.join(''));
}

/** A request body that sends `chunks` and then stays open until `release` is called. */
function openBody(chunks: Uint8Array[]): { body: ReadableStream<Uint8Array>; release: () => void } {
  let release = () => undefined as void;
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      for (const c of chunks) controller.enqueue(c);
      await new Promise<void>((resolve) => (release = resolve));
      try {
        controller.close();
      } catch {
        /* already cancelled */
      }
    },
  });
  return { body, release: () => release() };
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
}

async function until(check: () => Promise<boolean>, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check()) && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
}

describe('attachment limits are enforced while the bytes stream', () => {
  let s: TesseraServer;
  let m: OrgMatrix;
  let recordId: string;
  let url: string;

  beforeAll(async () => {
    s = await startTesseraServer(filesMetadata);
    m = await createOrgMatrix(s, ADMIN_PASSWORD);
    recordId = (await m.users.rep_east.api.post('/api/objects/project/records', { name: 'Streaming' })).body.id;
    url = `${s.app.url}/api/objects/project/records/${recordId}/files`;
  });
  afterAll(() => s?.close());

  const post = (field: string, body: ReadableStream<Uint8Array> | Uint8Array, signal?: AbortSignal) =>
    fetch(`${url}/${field}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${m.users.rep_east.accessToken}`, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      body,
      signal,
      duplex: 'half',
    } as RequestInit);

  it('answers 413 once a file passes its limit, while the client is still sending', async () => {
    // 0.6 MiB of a photo to a 0.5 MiB field, and the request never finishes on its own.
    const { body, release } = openBody([head('site.png', 'image/png'), bytesOf('png', 0.6 * MIB)]);
    const res = await post('photos', body);
    expect(res.status).toBe(413);
    expect(((await res.json()) as Problem).errors[0]).toMatchObject({ path: '/photos', code: 'file.too_large' });
    release();
    expect(await filesUnder(path.join(s.app.dataDir, 'files'))).toEqual([]);
  });

  it('answers 415 from the first bytes of a file, before the rest arrives', async () => {
    const { body, release } = openBody([head('offer.pdf', 'application/pdf', 'tech_confirmation'), bytesOf('exe', 64 * 1024)]);
    const res = await post('docs', body);
    expect(res.status).toBe(415);
    expect(((await res.json()) as Problem).errors[0]).toMatchObject({ path: '/docs', code: 'file.content_mismatch' });
    release();
  });

  it('refuses a request longer than the field could ever take from its Content-Length: 413', async () => {
    // photos: 2 files of 0.5 MiB at most; 3 MiB cannot fit whatever it holds.
    const bytes = Buffer.concat([head('a.png', 'image/png'), Buffer.from(bytesOf('png', 3 * MIB)), Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]);
    const res = await post('photos', bytes);
    expect(res.status).toBe(413);
    expect(((await res.json()) as Problem).errors[0]).toMatchObject({ code: 'request.too_large' });
  });

  it('cleans up after a client that goes away mid-upload: no row, no bytes, no temporary file', async () => {
    const controller = new AbortController();
    const { body } = openBody([head('half.png', 'image/png'), bytesOf('png', 200 * 1024)]);
    const pending = post('photos', body, controller.signal).catch((e: Error) => e);
    const filesDir = path.join(s.app.dataDir, 'files');
    // The half-sent file is being written: one temporary file.
    await until(async () => (await filesUnder(filesDir)).length === 1);
    expect(await filesUnder(filesDir)).toEqual([expect.stringMatching(/^\.tmp\/[0-9a-f-]+\.part$/)]);
    controller.abort();
    expect(await pending).toMatchObject({ name: 'AbortError' });
    await until(async () => (await filesUnder(filesDir)).length === 0);
    expect(await filesUnder(filesDir)).toEqual([]);
    const rows = await s.app.app.get(DataSource).query(`SELECT count(*)::int AS n FROM file_attachment WHERE record_id = $1`, [recordId]);
    expect(rows[0].n).toBe(0);
  });
});
