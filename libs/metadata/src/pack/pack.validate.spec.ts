import { loadSamplePack } from '../../test/sample-pack.fixture';
import { validatePack } from './pack.validate';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function sample() {
  const pack = loadSamplePack();
  return { manifest: pack.manifest as unknown as Doc, documents: pack.documents as Record<string, Doc> };
}

describe('validatePack', () => {
  it('finds nothing wrong in the sample pack and returns its typed documents', () => {
    const pack = sample();
    const report = validatePack(pack);
    expect(report.issues).toEqual([]);
    expect(report.valid).toBe(true);
    expect(report.manifest?.name).toBe('sample-sales');
    expect(report.entries.map((e) => e.source)).toEqual(Object.keys(pack.documents));
  });

  it('refuses a manifest that is not a pack manifest', () => {
    const pack = sample();
    pack.manifest = pack.documents['org.json'];
    const report = validatePack(pack);
    expect(report.valid).toBe(false);
    expect(report.issues).toContainEqual(expect.objectContaining({ document: 'pack.json', path: '/kind', code: 'pack.manifest-kind' }));
  });

  it.each([
    ['a version that is not semver', (m: Doc) => (m.version = '1.0'), '/version', 'schema.pattern'],
    ['a path escaping the pack folder', (m: Doc) => (m.contents[0] = '../secrets.json'), '/contents/0', 'schema.pattern'],
    ['a name with capitals', (m: Doc) => (m.name = 'Sample'), '/name', 'schema.pattern'],
    ['a malformed version range', (m: Doc) => (m.requires.tessera = 'latest'), '/requires/tessera', 'schema.pattern'],
  ])('refuses a manifest with %s', (_what, mutate, path, code) => {
    const pack = sample();
    mutate(pack.manifest);
    expect(validatePack(pack).issues).toContainEqual(expect.objectContaining({ document: 'pack.json', path, code }));
  });

  it('refuses demo data listed under contents, and other kinds listed under demo', () => {
    const pack = sample();
    pack.manifest.contents.push('demo/accounts.json');
    pack.manifest.demo = ['demo/deals.json', 'org.json'];
    pack.manifest.contents = pack.manifest.contents.filter((p: string) => p !== 'org.json');
    const codes = validatePack(pack).issues.filter((i) => i.code === 'pack.kind-section').map((i) => i.document);
    expect(codes.sort()).toEqual(['demo/accounts.json', 'org.json']);
  });

  it('refuses a document the manifest does not list', () => {
    const pack = sample();
    pack.documents['objects/extra.json'] = { ...pack.documents['objects/deal_line.json'], key: 'extra' };
    expect(validatePack(pack).issues).toEqual([expect.objectContaining({ document: 'objects/extra.json', code: 'pack.unlisted' })]);
  });
});
