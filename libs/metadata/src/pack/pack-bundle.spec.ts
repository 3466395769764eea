import { loadSamplePack } from '../../test/sample-pack.fixture';
import { validateBundle } from './pack-bundle';

function sampleBundle() {
  const { manifest, documents } = loadSamplePack();
  const demo = Object.fromEntries(Object.entries(documents).filter(([p]) => (manifest.demo ?? []).includes(p)));
  const contents = Object.fromEntries(Object.entries(documents).filter(([p]) => manifest.contents.includes(p)));
  return { manifest, documents: contents, demo };
}

describe('pack bundles', () => {
  it('validates a bundle like its folder, with or without its demo data', () => {
    const bundle = sampleBundle();
    expect(validateBundle(bundle).valid).toBe(true);
    const { demo: _demo, ...withoutDemo } = bundle;
    expect(validateBundle(withoutDemo)).toMatchObject({ valid: true, manifest: { name: 'sample-sales' } });
  });

  it('refuses a bundle that leaves out a document the manifest lists', () => {
    const bundle = sampleBundle();
    delete (bundle.documents as Record<string, unknown>)['roles/sales_rep.json'];
    expect(validateBundle(bundle).issues).toContainEqual(expect.objectContaining({ document: 'roles/sales_rep.json', code: 'pack.file-missing' }));
  });

  it('refuses demo documents the manifest does not list and metadata put under demo', () => {
    const bundle = sampleBundle();
    (bundle.demo as Record<string, unknown>)['demo/extra.json'] = { kind: 'demoData', key: 'extra', users: [{ login: 'x', name: 'x', roles: [] }] };
    expect(validateBundle(bundle).issues).toContainEqual(expect.objectContaining({ document: 'demo/extra.json', code: 'pack.unlisted' }));
  });

  it.each([
    ['not an object', [], ''],
    ['no manifest', { documents: {} }, '/manifest'],
    ['documents that are not a map', { manifest: {}, documents: [] }, '/documents'],
    ['an unknown property', { manifest: {}, documents: {}, files: {} }, '/files'],
  ])('reports a bundle with %s at its pointer', (_name, value, path) => {
    const report = validateBundle(value);
    expect(report.valid).toBe(false);
    expect(report.issues).toContainEqual(expect.objectContaining({ code: 'bundle.shape', path }));
  });
});
