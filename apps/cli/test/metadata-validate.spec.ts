import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { label, tempFolder, tessera } from './cli.harness';

const option = (value: string) => ({ value, label: label(value, value) });
const stage = (key: string, type: 'open' | 'won' | 'lost', probability: number, forecastCategory: string) => ({
  key,
  label: label(key, key),
  type,
  probability,
  forecastCategory,
  ...(type !== 'open' && { reasonRequired: false }),
});

/** A small valid set: customers, orders pointing at them, and the orders' pipeline with its stage field. */
function metadataFiles(): Record<string, Record<string, unknown>> {
  return {
    'objects/customer.json': { kind: 'object', key: 'customer', label: label('客户', 'Customer'), fields: [{ key: 'name', type: 'text', label: label('名称', 'Name'), required: true }] },
    'objects/order.json': {
      kind: 'object',
      key: 'order',
      label: label('订单', 'Order'),
      fields: [
        { key: 'title', type: 'text', label: label('标题', 'Title') },
        { key: 'customer', type: 'relation', target: 'customer', label: label('客户', 'Customer') },
        { key: 'status', type: 'select', label: label('状态', 'Status'), options: ['draft', 'confirmed', 'shipped', 'cancelled'].map(option) },
      ],
    },
    'pipelines/order_flow.json': {
      kind: 'pipeline',
      key: 'order_flow',
      object: 'order',
      stageField: 'status',
      label: label('订单流程', 'Order flow'),
      stages: [stage('draft', 'open', 10, 'pipeline'), stage('confirmed', 'open', 60, 'commit'), stage('shipped', 'won', 100, 'closed'), stage('cancelled', 'lost', 0, 'omitted')],
    },
  };
}

const folder = tempFolder('tessera-metadata-');
const validate = (...args: string[]) => tessera('metadata', 'validate', ...args);

describe('tessera metadata validate (through run(argv, io))', () => {
  it('reads folders recursively and prints only a one-line summary when the set is valid', async () => {
    folder.write({ ...metadataFiles(), 'notes.txt': 'not metadata', '.drafts/broken.json': '{' });
    const run = await validate(folder.dir);
    expect(run).toEqual({ code: 0, out: 'valid: 0 errors, 0 warnings in 3 documents\n', err: '' });
  });

  it('prints each problem of an invalid file as file:pointer: message [code] and exits 1', async () => {
    const files = metadataFiles();
    const order = files['objects/order.json'] as { fields: Record<string, unknown>[] };
    order.fields[0].maxLenght = 80;
    order.fields[2].key = 'Status';
    folder.write(files);
    const file = join(folder.dir, 'objects/order.json');
    const run = await validate(file);
    expect(run.code).toBe(1);
    expect(run.out.split('\n')).toEqual([
      `${file}:/fields/0/maxLenght: unknown property "maxLenght" [schema.unknown-property]`,
      expect.stringMatching(new RegExp(`^${file}:/fields/2/key: .*not a valid Key.* \\[schema\\.pattern\\]$`)),
      'invalid: 2 errors, 0 warnings in 1 document',
      '',
    ]);
  });

  it('lints across every file and folder given, naming files as they were given', async () => {
    const files = metadataFiles();
    (files['objects/order.json'] as { fields: Record<string, unknown>[] }).fields[1].target = 'client';
    (files['pipelines/order_flow.json'] as { stageField: string }).stageField = 'title';
    folder.write(files);
    const run = await validate(join(folder.dir, 'pipelines'), join(folder.dir, 'objects'), join(folder.dir, 'objects/order.json'));
    expect(run.code).toBe(1);
    expect(run.out.split('\n')).toEqual([
      `${folder.dir}/pipelines/order_flow.json:/stageField: field "title" is a text field; the stage field must be a select whose options are the stages [pipeline.stage-field-type]`,
      `${folder.dir}/objects/order.json:/fields/1/target: object "client" does not exist [ref.unknown-object]`,
      'invalid: 2 errors, 0 warnings in 3 documents',
      '',
    ]);
  });

  it('reports a stage field whose options differ from the stages', async () => {
    const files = metadataFiles();
    (files['objects/order.json'] as { fields: { options?: unknown[] }[] }).fields[2].options = ['draft', 'confirmed', 'shipped', 'returned'].map(option);
    folder.write(files);
    const run = await validate(folder.dir);
    expect(run.code).toBe(1);
    expect(run.out).toContain(`${folder.dir}/pipelines/order_flow.json:/stageField: stages "cancelled" are not options of "status"; add them as options [pipeline.stage-options-missing]\n`);
    expect(run.out).toContain(`${folder.dir}/pipelines/order_flow.json:/stageField: options "returned" of "status" are not stages of this pipeline; add the stages, or retire the options [pipeline.stage-options-extra]\n`);
  });

  it('reports a file that is not JSON on one line, with where it breaks, next to the other files', async () => {
    folder.write({ ...metadataFiles(), 'objects/broken.json': '{\n  "kind": "object",\n  "key": "broken"\n  "label": {}\n}' });
    const run = await validate(folder.dir);
    expect(run.code).toBe(1);
    const lines = run.out.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^${folder.dir}/objects/broken\\.json:: not valid JSON at line 4, column 3: .* \\[json\\.syntax\\]$`));
    expect(lines[1]).toBe('invalid: 1 error, 0 warnings in 3 documents');
  });

  it('checks a pack.json manifest against the pack kind, without asking that the files it lists exist', async () => {
    const manifest = { kind: 'pack', name: 'mini', version: '1.0', label: label('迷你', 'Mini'), contents: ['objects/missing.json'] };
    folder.write({ ...metadataFiles(), 'pack.json': manifest });
    const run = await validate(folder.dir);
    expect(run.code).toBe(1);
    expect(run.out.split('\n')[0]).toMatch(new RegExp(`^${folder.dir}/pack\\.json:/version: .* \\[schema\\.pattern\\]$`));
    folder.write({ 'pack.json': { ...manifest, version: '1.0.0' } });
    expect(await validate(folder.dir)).toMatchObject({ code: 0, out: 'valid: 0 errors, 0 warnings in 4 documents\n' });
  });

  it('writes a JSON report with --format json, and fails on warnings with --strict', async () => {
    const files = metadataFiles();
    (files['pipelines/order_flow.json'] as { stages: { probability: number }[] }).stages[2].probability = 90;
    folder.write(files);
    const json = await validate(folder.dir, '--format', 'json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toEqual({
      valid: true,
      pack: null,
      documents: 3,
      issues: [expect.objectContaining({ document: `${folder.dir}/pipelines/order_flow.json`, path: '/stages/2/probability', code: 'pipeline.probability', severity: 'warning' })],
    });
    const strict = await validate(folder.dir, '--strict');
    expect(strict.code).toBe(1);
    expect(strict.out).toContain(`${folder.dir}/pipelines/order_flow.json:/stages/2/probability: warning: a won stage usually has probability 100, not 90 [pipeline.probability]\n`);
  });

  it('exits 2 with a message on stderr when a path does not exist or holds no JSON file', async () => {
    const missing = await validate(join(folder.dir, 'nowhere'));
    expect(missing).toMatchObject({ code: 2, out: '' });
    expect(missing.err).toMatch(/nowhere does not exist/);
    const empty = await validate(folder.dir);
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(/no \.json file in/);
  });

  it('exits 2 on a command line it cannot parse, and 0 on --help', async () => {
    const noPaths = await validate();
    expect(noPaths.code).toBe(2);
    expect(noPaths.err).toMatch(/missing required argument 'paths'/);
    const help = await tessera('metadata', 'validate', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/Usage: tessera metadata validate \[options\] <paths\.\.\.>/);
    const top = await tessera('--help');
    expect(top.out).toMatch(/metadata\s+check metadata documents/);
  });
});

describe('the built tessera bin (apps/cli/dist/main.js, spawned)', () => {
  const repo = join(__dirname, '../../..');
  const bin = join(repo, 'apps/cli/dist/main.js');

  beforeAll(() => {
    // The bin loads @tessera/metadata from libs/metadata/dist, so both are built from the current sources.
    const build = spawnSync('npm', ['run', 'build', '-w', '@tessera/metadata', '-w', '@tessera/cli'], { cwd: repo, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
  }, 120_000);

  it('starts with a node shebang, prints file:pointer: message for an invalid file and exits 1', () => {
    expect(readFileSync(bin, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    const files = metadataFiles();
    (files['objects/order.json'] as { fields: Record<string, unknown>[] }).fields[1].target = 'client';
    folder.write(files);
    const child = spawnSync(process.execPath, [bin, 'metadata', 'validate', 'objects/order.json', 'objects/customer.json'], { cwd: folder.dir, encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(child.stdout).toBe('objects/order.json:/fields/1/target: object "client" does not exist [ref.unknown-object]\ninvalid: 1 error, 0 warnings in 2 documents\n');
    expect(child.status).toBe(1);
  });
});
