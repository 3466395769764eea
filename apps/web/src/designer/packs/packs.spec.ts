import { importQuery, readBundle } from './pack.types';

describe('pack bundles in the browser', () => {
  it('reads a bundle file and refuses other JSON', () => {
    expect(readBundle('{"manifest":{"name":"x"},"documents":{}}')).toEqual({ bundle: { manifest: { name: 'x' }, documents: {} } });
    expect(readBundle('{"name":"x"}')).toEqual({ error: 'manifest/documents' });
    expect(readBundle('not json')).toHaveProperty('error');
  });

  it('sends only the flags that are set', () => {
    expect(importQuery({ demoData: false, retire: false, allowDowngrade: false })).toBe('');
    expect(importQuery({ demoData: true, retire: false, allowDowngrade: true })).toBe('?demoData=true&allowDowngrade=true');
  });
});
