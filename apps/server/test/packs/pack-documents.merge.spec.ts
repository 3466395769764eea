import type { MetadataDocument } from '@tessera/metadata';
import { mergePackDocuments } from '../../src/packs/pack-documents.merge';

const doc = (kind: string, key: string, tag = ''): MetadataDocument => ({ kind, key, label: { 'zh-CN': key + tag, en: key + tag } }) as unknown as MetadataDocument;

describe('merging a pack into the published documents', () => {
  const published = [doc('object', 'a'), doc('object', 'b'), doc('role', 'r'), doc('object', 'c')];
  const installed = [
    { pack: 'one', names: ['object:a', 'object:b', 'role:r'] },
    { pack: 'two', names: ['object:c'] },
  ];

  it('replaces the pack\'s documents in place, appends new ones and drops those the new version left out', () => {
    const merged = mergePackDocuments(published, { name: 'one', documents: [doc('object', 'a', '2'), doc('role', 'r'), doc('form', 'f'), doc('org', 'o')] }, installed);
    expect(merged.conflicts).toEqual([]);
    expect(merged.removed).toEqual(['object:b']);
    expect(merged.next.map((d) => `${d.kind}:${(d as { key: string }).key}:${(d as { label: { en: string } }).label.en}`)).toEqual(['object:a:a2', 'role:r:r', 'object:c:c', 'form:f:f']);
  });

  it('never publishes org documents (they are synced to the org tree)', () => {
    const merged = mergePackDocuments([], { name: 'new', documents: [doc('org', 'o'), doc('object', 'x')] }, []);
    expect(merged.next.map((d) => d.kind)).toEqual(['object']);
  });

  it('reports documents another pack, or nobody\'s import, already published', () => {
    const merged = mergePackDocuments([...published, doc('object', 'hand_made')], { name: 'three', documents: [doc('object', 'c'), doc('object', 'hand_made'), doc('object', 'z')] }, installed);
    expect(merged.conflicts).toEqual([{ name: 'object:c', owner: 'two' }, { name: 'object:hand_made', owner: null }]);
  });
});
