import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('gives the same text whatever the key order, at every depth', () => {
    const a = { kind: 'object', key: 'deal', fields: [{ type: 'text', key: 'name' }], label: { en: 'Deal', 'zh-CN': '商机' } };
    const b = { label: { 'zh-CN': '商机', en: 'Deal' }, fields: [{ key: 'name', type: 'text' }], key: 'deal', kind: 'object' };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });

  it('keeps array order, which carries meaning', () => {
    expect(canonicalJson({ stages: ['lead', 'won'] })).not.toBe(canonicalJson({ stages: ['won', 'lead'] }));
  });

  it('round-trips to the same data', () => {
    const data = { z: [1, { y: null, x: 'é' }], a: true };
    expect(JSON.parse(canonicalJson(data))).toEqual(data);
  });
});
