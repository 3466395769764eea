import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { FilesService, UNCATEGORIZED } from '../../src/files/files.service';
import { filesMetadata } from '../fixtures/files-metadata';
import { createOrgMatrix, type OrgMatrix } from '../support/org-matrix';
import { ADMIN_PASSWORD, startTesseraServer, type TesseraServer } from '../support/tessera-server';
import { bytesOf, download, upload, type FileView, type UploadForm } from './files-client';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const MIB = 1024 * 1024;

/** Every regular file under a folder, relative paths. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
}

describe('attachments API', () => {
  let s: TesseraServer;
  let m: OrgMatrix;
  let db: DataSource;
  let filesDir: string;
  let adminToken: string;
  const count = async (where: string, values: unknown[]) => Number((await db.query(`SELECT count(*) AS n FROM file_attachment WHERE ${where}`, values))[0].n);

  /** A project owned by rep_east (created by them). */
  const newProject = async (name: string): Promise<string> => {
    const res = await m.users.rep_east.api.post('/api/objects/project/records', { name });
    if (res.status !== 201) throw new Error(`create project: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  };
  const send = (token: string, id: string, field: string, form: UploadForm) => upload(s.app.url, token, `/api/objects/project/records/${id}/files/${field}`, form);

  beforeAll(async () => {
    s = await startTesseraServer(filesMetadata);
    m = await createOrgMatrix(s, ADMIN_PASSWORD);
    adminToken = m.users.admin.accessToken;
    db = s.app.app.get(DataSource);
    filesDir = path.join(s.app.dataDir, 'files');
  });
  afterAll(() => s?.close());

  describe('upload and download', () => {
    let id: string;
    const pdf = bytesOf('pdf', 300_000, 7);
    let file: FileView;

    beforeAll(async () => {
      id = await newProject('Round trip');
    });

    it('stores a file with its SHA-256, size, type, category and note, and emits file.attached', async () => {
      const res = await send(m.users.rep_east.accessToken, id, 'docs', { category: 'requirement_survey', note: '客户确认版', files: [{ name: '需求调研 v2.pdf', type: 'application/pdf', bytes: pdf }] });
      expect(res.status).toBe(201);
      expect(res.body.items).toHaveLength(1);
      file = res.body.items[0];
      expect(file).toMatchObject({
        object: 'project', recordId: id, field: 'docs', category: 'requirement_survey', fileName: '需求调研 v2.pdf',
        mimeType: 'application/pdf', size: pdf.length, sha256: sha256(pdf), note: '客户确认版', uploadedBy: m.users.rep_east.id,
        href: `/api/files/${file.id}/content`,
      });
      const events = await db.query(`SELECT payload, actor_id FROM outbox_event WHERE type = 'file.attached' AND record_id = $1`, [id]);
      expect(events).toEqual([{ payload: expect.objectContaining({ fileId: file.id, field: 'docs', category: 'requirement_survey', sha256: sha256(pdf) }), actor_id: m.users.rep_east.id }]);
    });

    it('keeps the bytes under DATA_DIR/files in a key made of the id only', async () => {
      const [row] = await db.query(`SELECT storage_key FROM file_attachment WHERE id = $1`, [file.id]);
      expect(row.storage_key).toMatch(new RegExp(`^\\d{4}/\\d{2}/${file.id}$`));
      expect(sha256(await readFile(path.join(filesDir, row.storage_key)))).toBe(sha256(pdf));
    });

    it('downloads the same bytes with type, length, RFC 5987 file name and the SHA-256 as ETag', async () => {
      const res = await download(s.app.url, m.users.rep_east.accessToken, file.href);
      expect(res.status).toBe(200);
      expect(Buffer.compare(res.bytes, Buffer.from(pdf))).toBe(0);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-length')).toBe(String(pdf.length));
      expect(res.headers.get('etag')).toBe(`"${sha256(pdf)}"`);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const disposition = res.headers.get('content-disposition')!;
      expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('需求调研 v2.pdf')}`);
      expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"/);
    });

    it('answers 304 to a matching If-None-Match', async () => {
      const res = await download(s.app.url, m.users.rep_east.accessToken, file.href, { 'if-none-match': `"${sha256(pdf)}"` });
      expect(res.status).toBe(304);
      expect(res.bytes.length).toBe(0);
    });

    it('takes several files in one request, all with the category', async () => {
      const res = await send(m.users.rep_east.accessToken, id, 'docs', {
        category: 'meeting_minutes',
        files: [
          { name: 'minutes.png', type: 'image/png', bytes: bytesOf('png', 5000) },
          { name: 'quote.xlsx', bytes: bytesOf('zip', 4000) },
        ],
      });
      expect(res.status).toBe(201);
      expect(res.body.items.map((f) => [f.fileName, f.mimeType, f.category])).toEqual([
        ['minutes.png', 'image/png', 'meeting_minutes'],
        ['quote.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'meeting_minutes'],
      ]);
    });

    it('lists live files, filtered by field and category, and shows one by id', async () => {
      const all = await m.users.rep_east.api.get(`/api/objects/project/records/${id}/files`);
      expect(all.status).toBe(200);
      expect(all.body.items.map((f: { fileName: string }) => f.fileName)).toEqual(['需求调研 v2.pdf', 'minutes.png', 'quote.xlsx']);
      const minutes = await m.users.rep_east.api.get(`/api/objects/project/records/${id}/files?field=docs&category=meeting_minutes`);
      expect(minutes.body.items.map((f: { fileName: string }) => f.fileName)).toEqual(['minutes.png', 'quote.xlsx']);
      const one = await m.users.rep_east.api.get(`/api/files/${file.id}`);
      expect(one.body).toMatchObject({ id: file.id, sha256: sha256(pdf), fileName: '需求调研 v2.pdf' });
    });
  });

  describe('limits', () => {
    it('refuses a file over the size limit with 413 naming the field and limit, leaving no row and no bytes', async () => {
      const id = await newProject('Too big');
      const before = await filesUnder(filesDir);
      const res = await send(m.users.rep_east.accessToken, id, 'docs', { category: 'tech_confirmation', files: [{ name: 'big.pdf', type: 'application/pdf', bytes: bytesOf('pdf', MIB + 1) }] });
      expect(res.status).toBe(413);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors).toEqual([expect.objectContaining({ path: '/docs', code: 'file.too_large' })]);
      expect(res.body.errors[0].message).toContain('1 MB');
      expect(await count('record_id = $1', [id])).toBe(0);
      expect(await filesUnder(filesDir)).toEqual(before);
    });

    it('accepts a file of exactly the limit', async () => {
      const id = await newProject('Exactly');
      const res = await send(m.users.rep_east.accessToken, id, 'photos', { files: [{ name: 'site.jpg', type: 'image/jpeg', bytes: bytesOf('jpeg', MIB / 2) }] });
      expect(res.status).toBe(201);
      expect(res.body.items[0]).toMatchObject({ size: MIB / 2, category: null, mimeType: 'image/jpeg' });
    });

    it('refuses the whole request when its second file is too large: the first one is removed too', async () => {
      const id = await newProject('Second too big');
      const before = await filesUnder(filesDir);
      const res = await send(m.users.rep_east.accessToken, id, 'photos', {
        files: [
          { name: 'ok.png', type: 'image/png', bytes: bytesOf('png', 1000) },
          { name: 'huge.png', type: 'image/png', bytes: bytesOf('png', MIB / 2 + 10) },
        ],
      });
      expect(res.status).toBe(413);
      expect(res.body.errors[0]).toMatchObject({ path: '/photos', code: 'file.too_large' });
      expect(await count('record_id = $1', [id])).toBe(0);
      expect(await filesUnder(filesDir)).toEqual(before);
    });

    // 415 for every type refusal: the field does not take this media type.
    it.each([
      ['a MIME type not in accept', { name: 'notes.txt', type: 'text/plain', bytes: bytesOf('text') }, 'file.type_not_accepted'],
      ['an extension not in accept', { name: 'data.csv', type: 'application/octet-stream', bytes: bytesOf('text') }, 'file.type_not_accepted'],
      ['a program named like a PDF (sniffed)', { name: 'offer.pdf', type: 'application/pdf', bytes: bytesOf('exe') }, 'file.content_mismatch'],
      ['a text file named like a spreadsheet (sniffed)', { name: 'sheet.xlsx', type: 'application/octet-stream', bytes: bytesOf('text') }, 'file.content_mismatch'],
    ])('refuses %s with 415 and stores nothing', async (_what, part, code) => {
      const id = await newProject('Wrong type');
      const before = await filesUnder(filesDir);
      const res = await send(m.users.rep_east.accessToken, id, 'docs', { category: 'tech_confirmation', files: [part] });
      expect(res.status).toBe(415);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: '/docs', code })]);
      expect(await count('record_id = $1', [id])).toBe(0);
      expect(await filesUnder(filesDir)).toEqual(before);
    });

    it('refuses files beyond maxFiles with 422, in one request or across requests', async () => {
      const id = await newProject('Count');
      const pdf = (n: number) => ({ name: `p${n}.pdf`, type: 'application/pdf', bytes: bytesOf('pdf', 500, n) });
      const four = await send(m.users.rep_east.accessToken, id, 'docs', { category: 'tech_confirmation', files: [pdf(1), pdf(2), pdf(3), pdf(4)] });
      expect(four.status).toBe(422);
      expect(four.body.errors).toEqual([expect.objectContaining({ path: '/docs', code: 'files.too_many' })]);
      expect(await count('record_id = $1', [id])).toBe(0);

      expect((await send(m.users.rep_east.accessToken, id, 'docs', { category: 'tech_confirmation', files: [pdf(1), pdf(2)] })).status).toBe(201);
      const two = await send(m.users.rep_east.accessToken, id, 'docs', { category: 'tech_confirmation', files: [pdf(3), pdf(4)] });
      expect(two.status).toBe(422);
      expect(two.body.errors[0].code).toBe('files.too_many');
      expect((await send(m.users.rep_east.accessToken, id, 'docs', { category: 'tech_confirmation', files: [pdf(3)] })).status).toBe(201);
      expect(await count('record_id = $1 AND deleted_at IS NULL', [id])).toBe(3);
    });

    it('lets only one of two concurrent uploads fill the last places; the loser leaves no bytes', async () => {
      const id = await newProject('Race');
      const before = await filesUnder(filesDir);
      const two = (seed: number) => ({ files: [1, 2].map((n) => ({ name: `p${seed}-${n}.png`, type: 'image/png', bytes: bytesOf('png', 20_000, seed * 10 + n) })) });
      const results = await Promise.all([send(m.users.rep_east.accessToken, id, 'photos', two(1)), send(m.users.rep_east.accessToken, id, 'photos', two(2))]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 422]);
      expect(results.find((r) => r.status === 422)!.body.errors[0].code).toBe('files.too_many');
      expect(await count('record_id = $1', [id])).toBe(2);
      expect((await filesUnder(filesDir)).length).toBe(before.length + 2);
    });

    it.each([
      ['docs', undefined, 'category.required'],
      ['docs', 'contract', 'category.unknown'],
      ['photos', 'requirement_survey', 'category.not_allowed'],
    ])('refuses an upload to %s with category %s: 422 %s', async (field, category, code) => {
      const id = await newProject('Category');
      const res = await send(m.users.rep_east.accessToken, id, field, { category, files: [{ name: 'x.png', type: 'image/png', bytes: bytesOf('png', 100) }] });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: '/category', code })]);
      expect(await count('record_id = $1', [id])).toBe(0);
    });

    it('refuses an upload without a file (422), to a field that is not an attachment (422) or does not exist (404)', async () => {
      const id = await newProject('Shapes');
      const none = await send(m.users.rep_east.accessToken, id, 'docs', { category: 'tech_confirmation', files: [] });
      expect(none.status).toBe(422);
      expect(none.body.errors[0]).toMatchObject({ path: '/file', code: 'file.required' });
      const png = [{ name: 'x.png', type: 'image/png', bytes: bytesOf('png', 100) }];
      const text = await send(m.users.rep_east.accessToken, id, 'name', { files: png });
      expect(text.status).toBe(422);
      expect(text.body.errors[0]).toMatchObject({ path: '/name', code: 'field.not_attachment' });
      expect((await send(m.users.rep_east.accessToken, id, 'nope', { files: png })).status).toBe(404);
    });

    it('refuses a body that is not multipart with 400', async () => {
      const id = await newProject('JSON');
      const res = await m.users.rep_east.api.post(`/api/objects/project/records/${id}/files/photos`, { file: 'x' });
      expect(res.status).toBe(400);
      expect(res.body.type).toBe('https://tessera.dev/problems/upload-malformed');
    });
  });

  describe('permissions follow the record', () => {
    let id: string;
    let fileHref: string;
    let secretId: string;

    beforeAll(async () => {
      id = await newProject('East only');
      const res = await send(m.users.rep_east.accessToken, id, 'docs', { category: 'signed_confirmation', files: [{ name: 'signed.pdf', type: 'application/pdf', bytes: bytesOf('pdf', 800) }] });
      fileHref = res.body.items[0].href;
      const secret = await send(adminToken, id, 'secret_docs', { files: [{ name: 'margin.pdf', type: 'application/pdf', bytes: bytesOf('pdf', 800, 3) }] });
      expect(secret.status).toBe(201);
      secretId = secret.body.items[0].id;
    });

    it('a rep of another region can neither download, see nor upload: 404', async () => {
      const south = m.users.rep_south;
      expect((await download(s.app.url, south.accessToken, fileHref)).status).toBe(404);
      expect((await south.api.get(fileHref.replace('/content', ''))).status).toBe(404);
      expect((await south.api.get(`/api/objects/project/records/${id}/files`)).status).toBe(404);
      expect((await send(south.accessToken, id, 'docs', { category: 'signed_confirmation', files: [{ name: 'x.pdf', type: 'application/pdf', bytes: bytesOf('pdf', 100) }] })).status).toBe(404);
      expect((await south.api.delete(fileHref.replace('/content', ''))).status).toBe(404);
    });

    it('a user without any role cannot download: 404', async () => {
      const created = await s.admin.post('/api/admin/users', { username: 'nobody', displayName: 'Nobody', password: 'nobody-password-1', roles: [] });
      expect(created.status).toBe(201);
      const login = await s.anonymous.post('/api/auth/login', { username: 'nobody', password: 'nobody-password-1' });
      expect((await download(s.app.url, login.body.accessToken, fileHref)).status).toBe(404);
    });

    it('finance (read everything, update nothing) downloads but may not upload or delete: 403', async () => {
      const finance = m.users.finance;
      expect((await download(s.app.url, finance.accessToken, fileHref)).status).toBe(200);
      expect((await send(finance.accessToken, id, 'docs', { category: 'signed_confirmation', files: [{ name: 'x.pdf', type: 'application/pdf', bytes: bytesOf('pdf', 100) }] })).status).toBe(403);
      expect((await finance.api.delete(fileHref.replace('/content', ''))).status).toBe(403);
    });

    it('a field hidden from the rep: upload and download are 403, the list leaves it out', async () => {
      const east = m.users.rep_east;
      const up = await send(east.accessToken, id, 'secret_docs', { files: [{ name: 'x.pdf', type: 'application/pdf', bytes: bytesOf('pdf', 100) }] });
      expect(up.status).toBe(403);
      expect(up.body.errors).toEqual([expect.objectContaining({ path: '/secret_docs', code: 'field.hidden' })]);
      expect((await download(s.app.url, east.accessToken, `/api/files/${secretId}/content`)).status).toBe(403);
      const list = await east.api.get(`/api/objects/project/records/${id}/files`);
      expect(list.body.items.map((f: { field: string }) => f.field)).toEqual(['docs']);
      expect((await east.api.get(`/api/objects/project/records/${id}/files?field=secret_docs`)).status).toBe(403);
      expect((await download(s.app.url, adminToken, `/api/files/${secretId}/content`)).status).toBe(200);
    });

    it('a field read-only for the rep: upload is 403', async () => {
      const res = await send(m.users.rep_east.accessToken, id, 'signed_docs', { files: [{ name: 'x.pdf', type: 'application/pdf', bytes: bytesOf('pdf', 100) }] });
      expect(res.status).toBe(403);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: '/signed_docs', code: 'field.read_only' })]);
    });
  });

  describe('delete and counts', () => {
    it('a deleted file leaves the list, its content and metadata are 404, file.removed is emitted; counts see live files only', async () => {
      const id = await newProject('Counts');
      const token = m.users.rep_east.accessToken;
      const pdf = (n: number) => ({ name: `p${n}.pdf`, type: 'application/pdf', bytes: bytesOf('pdf', 300, n) });
      const survey = await send(token, id, 'docs', { category: 'requirement_survey', files: [pdf(1), pdf(2)] });
      await send(token, id, 'docs', { category: 'tech_confirmation', files: [pdf(3)] });
      await send(token, id, 'photos', { files: [{ name: 'a.jpg', type: 'image/jpeg', bytes: bytesOf('jpeg', 300) }] });
      const files = s.app.app.get(FilesService);
      expect(await files.countByCategory('project', id)).toEqual({ docs: { requirement_survey: 2, tech_confirmation: 1 }, photos: { [UNCATEGORIZED]: 1 } });

      const gone = survey.body.items[0];
      const del = await m.users.rep_east.api.delete(`/api/files/${gone.id}`);
      expect(del.status).toBe(204);
      const list = await m.users.rep_east.api.get(`/api/objects/project/records/${id}/files`);
      expect(list.body.items.map((f: { id: string }) => f.id)).not.toContain(gone.id);
      expect(list.body.items).toHaveLength(3);
      expect((await download(s.app.url, token, gone.href)).status).toBe(404);
      expect((await m.users.rep_east.api.get(`/api/files/${gone.id}`)).status).toBe(404);
      expect((await m.users.rep_east.api.delete(`/api/files/${gone.id}`)).status).toBe(404);
      const removed = await db.query(`SELECT payload FROM outbox_event WHERE type = 'file.removed' AND record_id = $1`, [id]);
      expect(removed).toEqual([{ payload: expect.objectContaining({ fileId: gone.id, category: 'requirement_survey' }) }]);
      expect(await files.countByCategory('project', id)).toEqual({ docs: { requirement_survey: 1, tech_confirmation: 1 }, photos: { [UNCATEGORIZED]: 1 } });
    });
  });
});
