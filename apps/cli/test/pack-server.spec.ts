import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { label, tempFolder, tessera } from './cli.harness';

/** A stand-in for the Tessera server: records each request, answers from the test's table. */
interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}
type Answer = { status: number; body: unknown };

let server: Server;
let baseUrl: string;
let seen: Seen[] = [];
let answers: Record<string, Answer> = {};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      const key = `${req.method} ${req.url!.split('?')[0]}`;
      const answer = answers[key] ?? (key === 'POST /api/auth/login' ? { status: 200, body: { accessToken: 'token-1' } } : { status: 404, body: { title: 'Not found' } });
      res.writeHead(answer.status, { 'content-type': answer.status >= 400 ? 'application/problem+json' : 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  seen = [];
  answers = {};
});

const folder = tempFolder('tessera-pack-server-');

function writePack(): void {
  folder.write({
    'pack.json': { kind: 'pack', name: 'mini', version: '1.2.0', label: label('迷你', 'Mini'), contents: ['objects/customer.json'], demo: ['demo/customers.json'] },
    'objects/customer.json': { kind: 'object', key: 'customer', label: label('客户', 'Customer'), fields: [{ key: 'name', type: 'text', label: label('名称', 'Name'), required: true }] },
    'demo/customers.json': { kind: 'demoData', key: 'customers', object: 'customer', records: [{ values: { name: '上海客户' } }] },
  });
}

const connection = () => ['--url', baseUrl, '--password', 'secret-1'];

describe('tessera pack bundle', () => {
  it('writes the folder as one validated JSON file, with or without its demo data', async () => {
    writePack();
    const file = join(folder.dir, 'mini.bundle.json');
    const run = await tessera('pack', 'bundle', folder.dir, file);
    expect(run.code).toBe(0);
    const bundle = JSON.parse(readFileSync(file, 'utf8'));
    expect(Object.keys(bundle.documents)).toEqual(['objects/customer.json']);
    expect(Object.keys(bundle.demo)).toEqual(['demo/customers.json']);
    expect((await tessera('pack', 'bundle', folder.dir, file, '--no-demo')).code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).demo).toBeUndefined();
  });

  it('writes nothing for a broken pack and reports file:pointer: message', async () => {
    writePack();
    folder.write({ 'objects/customer.json': { kind: 'object', key: 'customer', label: label('客户', 'Customer'), fields: [{ key: 'Name', type: 'text', label: label('名称', 'Name') }] } });
    const file = join(folder.dir, 'out.json');
    const run = await tessera('pack', 'bundle', folder.dir, file);
    expect(run.code).toBe(1);
    expect(run.out).toContain('objects/customer.json:/fields/0/key:');
    expect(existsSync(file)).toBe(false);
  });
});

describe('tessera pack import', () => {
  it('signs in, sends the bundle as raw JSON with the options, and prints what was imported', async () => {
    writePack();
    answers['POST /api/admin/packs/import'] = {
      status: 200,
      body: {
        pack: { name: 'mini', version: '1.2.0' }, previousVersion: '1.1.0', action: 'upgrade', metadata: { version: 7, unchanged: false },
        orgUnits: null, durationMs: 12,
        demo: { users: { created: 1, existing: 0 }, accounts: [{ role: 'rep', username: 'mini.rep', name: '销售' }], password: 'pw-once', records: { customer: 1 } },
      },
    };
    const run = await tessera('pack', 'import', folder.dir, '--demo-data', '--retire', ...connection());
    expect(run.code).toBe(0);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/auth/login' });
    expect(JSON.parse(seen[0].body)).toEqual({ username: 'admin', password: 'secret-1' });
    expect(seen[1]).toMatchObject({ method: 'POST', url: '/api/admin/packs/import?demoData=true&retire=true' });
    expect(seen[1].headers).toMatchObject({ authorization: 'Bearer token-1', 'content-type': 'application/vnd.tessera.pack+json' });
    expect(Object.keys(JSON.parse(seen[1].body).demo)).toEqual(['demo/customers.json']);
    expect(run.out).toContain('pack mini 1.2.0: upgrade from 1.1.0');
    expect(run.out).toContain('mini.rep');
    expect(run.out).toContain('pw-once');
  });

  it('maps the server\'s pointers into the bundle back to file:pointer lines and exits 1', async () => {
    writePack();
    answers['POST /api/admin/packs/import'] = {
      status: 409,
      body: { title: 'Conflict', errors: [{ path: '/documents/objects~1customer.json/fields/0', code: 'pack.conflict', message: 'object:customer is already published by pack other' }] },
    };
    const run = await tessera('pack', 'import', folder.dir, '--token', 'tsk_abc', '--url', baseUrl);
    expect(run.code).toBe(1);
    expect(seen).toHaveLength(1);
    expect(seen[0].headers.authorization).toBe('Bearer tsk_abc');
    expect(run.out).toContain('objects/customer.json:/fields/0: object:customer is already published by pack other [pack.conflict]');
    expect(run.out).toContain('nothing was changed');
  });

  it('needs a password or a token, and says so', async () => {
    writePack();
    const run = await tessera('pack', 'import', folder.dir, '--url', baseUrl);
    expect(run.code).toBe(2);
    expect(run.err).toContain('--password');
    expect(seen).toEqual([]);
  });
});

describe('tessera pack plan', () => {
  it('prints the changes and exits 1 when the import would be refused', async () => {
    writePack();
    answers['POST /api/admin/packs/plan'] = {
      status: 200,
      body: {
        pack: { name: 'mini', version: '1.2.0' }, previousVersion: '1.1.0', action: 'upgrade', ok: false,
        documents: [{ name: 'object:customer', status: 'changed', safe: false, changes: [{ path: '/fields/1' }] }],
        risks: [{ message: 'customer.phone: field is removed; its values would be lost', destructive: true }],
        errors: [{ path: '/documents/objects~1customer.json/fields', code: 'data-risk.fieldRemoved', message: 'customer.phone holds values (12 stored records affected)' }],
        orgUnits: null, demo: null,
      },
    };
    const run = await tessera('pack', 'plan', folder.dir, ...connection());
    expect(run.code).toBe(1);
    expect(run.out).toContain('destructive: customer.phone: field is removed');
    expect(run.out).toContain('objects/customer.json:/fields: customer.phone holds values');
  });
});

describe('tessera pack export', () => {
  it('writes pack.json and every document at its path', async () => {
    answers['GET /api/admin/packs/mini/export'] = {
      status: 200,
      body: { manifest: { kind: 'pack', name: 'mini', version: '1.2.0', label: label('迷你', 'Mini'), contents: ['objects/customer.json'] }, documents: { 'objects/customer.json': { kind: 'object', key: 'customer' } } },
    };
    const out = join(folder.dir, 'exported');
    const run = await tessera('pack', 'export', 'mini', out, ...connection());
    expect(run.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'pack.json'), 'utf8')).name).toBe('mini');
    expect(JSON.parse(readFileSync(join(out, 'objects/customer.json'), 'utf8'))).toEqual({ kind: 'object', key: 'customer' });
  });

  it('refuses document paths that leave the folder', async () => {
    answers['GET /api/admin/packs/mini/export'] = { status: 200, body: { manifest: { name: 'mini', version: '1.0.0' }, documents: { '../evil.json': {} } } };
    const run = await tessera('pack', 'export', 'mini', join(folder.dir, 'x'), ...connection());
    expect(run.code).toBe(1);
    expect(existsSync(join(folder.dir, 'evil.json'))).toBe(false);
  });
});
