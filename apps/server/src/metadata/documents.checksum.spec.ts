import { checksumDocuments } from './documents.checksum';

const deal = { kind: 'object', key: 'deal', label: { 'zh-CN': '商机', en: 'Deal' } };
const role = { kind: 'role', key: 'sales_rep' };

describe('checksumDocuments', () => {
  it('does not depend on key order or document order', () => {
    const reordered = { label: { en: 'Deal', 'zh-CN': '商机' }, key: 'deal', kind: 'object' };
    expect(checksumDocuments([deal, role])).toBe(checksumDocuments([role, reordered]));
  });

  it('changes when any value changes', () => {
    const renamed = { ...deal, label: { 'zh-CN': '商机', en: 'Opportunity' } };
    expect(checksumDocuments([deal, role])).not.toBe(checksumDocuments([renamed, role]));
  });

  it('is a sha256 hex digest', () => {
    expect(checksumDocuments([])).toMatch(/^[0-9a-f]{64}$/);
  });
});
