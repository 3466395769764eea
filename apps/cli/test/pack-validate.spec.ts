import { join } from 'node:path';
import { label, tempFolder, tessera as cli } from './cli.harness';

/** A small valid pack: a customer object and an order object that points at it. */
function packFiles(): Record<string, unknown> {
  return {
    'pack.json': { kind: 'pack', name: 'mini', version: '0.1.0', label: label('迷你', 'Mini'), contents: ['objects/customer.json', 'objects/order.json'] },
    'objects/customer.json': { kind: 'object', key: 'customer', label: label('客户', 'Customer'), fields: [{ key: 'name', type: 'text', label: label('名称', 'Name'), required: true }] },
    'objects/order.json': {
      kind: 'object',
      key: 'order',
      label: label('订单', 'Order'),
      fields: [
        { key: 'customer', type: 'relation', target: 'customer', label: label('客户', 'Customer') },
        { key: 'total', type: 'currency', label: label('总额', 'Total') },
      ],
    },
  };
}

const folder = tempFolder('tessera-pack-');
const write = (files: Record<string, unknown>, root?: string) => folder.write(files, root);
const tessera = (...args: string[]) => cli('pack', 'validate', ...args);

describe('tessera pack validate', () => {
  it('accepts a valid pack with exit code 0', async () => {
    write(packFiles());
    const run = await tessera(folder.dir);
    expect(run.code).toBe(0);
    expect(run.out).toContain('pack mini 0.1.0');
    expect(run.out).toContain('valid: 0 errors, 0 warnings in 2 documents');
  });

  it('also takes the path of the manifest itself', async () => {
    write(packFiles());
    expect((await tessera(join(folder.dir, 'pack.json'))).code).toBe(0);
  });

  it('prints each problem as file:pointer: message [code], then the summary, and exits 1', async () => {
    const files = packFiles();
    (files['objects/order.json'] as { fields: { target?: string }[] }).fields[0].target = 'client';
    write(files);
    const run = await tessera(folder.dir);
    expect(run.code).toBe(1);
    expect(run.out).toBe(['pack mini 0.1.0', 'objects/order.json:/fields/0/target: object "client" does not exist [ref.unknown-object]', 'invalid: 1 error, 0 warnings in 2 documents', ''].join('\n'));
  });

  it('reports a listed file that is missing and a file that is not JSON, in one run', async () => {
    const files = packFiles();
    files['objects/order.json'] = '{\n  "kind": "object",\n  "key": "order"\n  "label": {}\n}';
    (files['pack.json'] as { contents: string[] }).contents.push('objects/invoice.json');
    write(files);
    const run = await tessera(folder.dir, '--format', 'json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.out);
    expect(report.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ document: 'objects/invoice.json', code: 'pack.file-missing', severity: 'error' }),
        expect.objectContaining({ document: 'objects/order.json', code: 'json.syntax', message: expect.stringContaining('line 4, column 3') }),
      ]),
    );
  });

  it('warns about JSON files the manifest does not list; --strict turns warnings into a failure', async () => {
    write({ ...packFiles(), 'objects/draft.json': { kind: 'object' } });
    const lenient = await tessera(folder.dir);
    expect(lenient.code).toBe(0);
    expect(lenient.out).toContain('objects/draft.json:: warning: objects/draft.json is not listed in the manifest, so it is not part of the pack [pack.unlisted-file]\n');
    expect((await tessera(folder.dir, '--strict')).code).toBe(1);
  });

  it('refuses to read a listed path outside the pack folder', async () => {
    write({ 'outside.json': { kind: 'role' } });
    const packDir = join(folder.dir, 'pack');
    const files = packFiles();
    (files['pack.json'] as { contents: string[] }).contents.push('../outside.json');
    write(files, packDir);
    const report = JSON.parse((await tessera(packDir, '--format', 'json')).out);
    expect(report.issues).toContainEqual(expect.objectContaining({ document: '../outside.json', code: 'pack.path-outside' }));
    expect(report.issues).toContainEqual(expect.objectContaining({ document: 'pack.json', path: '/contents/2', code: 'schema.pattern' }));
  });

  it('writes a JSON report with the pack, the document count and every issue in {document, path, code, message, severity}', async () => {
    const files = packFiles();
    (files['objects/customer.json'] as { fields: { key: string }[] }).fields[0].key = 'owner_id';
    write(files);
    const run = await tessera(folder.dir, '--format', 'json');
    expect(JSON.parse(run.out)).toEqual({
      valid: false,
      pack: { name: 'mini', version: '0.1.0' },
      documents: 2,
      issues: [{ document: 'objects/customer.json', path: '/fields/0/key', code: 'schema.not', message: expect.stringContaining('"owner_id" is not allowed'), severity: 'error' }],
    });
  });

  it('exits 2 with a message on stderr when there is no pack to read', async () => {
    const run = await tessera(join(folder.dir, 'nowhere'));
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/nowhere does not exist/);
    const empty = await tessera(folder.dir);
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(/has no pack\.json/);
  });

  it('reports a manifest that is not JSON without reading anything else', async () => {
    write({ 'pack.json': '{ "kind": "pack", }' });
    const run = await tessera(folder.dir, '--format', 'json');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.out).issues).toEqual([expect.objectContaining({ document: 'pack.json', code: 'json.syntax' })]);
  });
});
