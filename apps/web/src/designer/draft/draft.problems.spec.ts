import type { MetadataDocument } from '@tessera/metadata';
import { pointerWithin, problemsOf, problemsWithin } from './draft.problems';

const docs = [
  { kind: 'object', key: 'customer', label: { 'zh-CN': '客户' }, fields: [] },
  { kind: 'form', key: 'customer_edit', object: 'customer' },
  { kind: 'pack', name: 'demo' },
] as unknown as MetadataDocument[];

describe('draft problems', () => {
  it('maps pointers into the document set to problems of named documents', () => {
    expect(
      problemsOf(
        [
          { path: '/documents/0/fields/2/key', message: 'bad key' },
          { path: '/documents/1', message: 'form broken' },
          { path: '/documents/2/version', message: 'bad version' },
        ],
        docs,
      ),
    ).toEqual([
      { document: { kind: 'object', key: 'customer' }, path: '/fields/2/key', message: 'bad key' },
      { document: { kind: 'form', key: 'customer_edit' }, path: '', message: 'form broken' },
      { document: { kind: 'pack', key: 'demo' }, path: '/version', message: 'bad version' },
    ]);
  });

  it('keeps pointers outside any document as problems of the whole set', () => {
    expect(problemsOf([{ path: '/documents', message: 'x' }, { path: '/documents/9/key', message: 'y' }], docs)).toEqual([
      { path: '/documents', message: 'x' },
      { path: '/documents/9/key', message: 'y' },
    ]);
  });

  it.each([
    ['/fields/1/key', '/fields/1', true],
    ['/fields/1', '/fields/1', true],
    ['/fields/10/key', '/fields/1', false],
    ['/fields/1/key', '', true],
    ['/label', '/fields', false],
    ['/fields/1/key', '/fields/1/', true],
  ])('%s lies within %s: %s', (path, prefix, expected) => {
    expect(pointerWithin(path, prefix)).toBe(expected);
  });

  it('selects the problems of one document below a pointer', () => {
    const problems = problemsOf(
      [
        { path: '/documents/0/fields/1/key', message: 'a' },
        { path: '/documents/0/fields/10/key', message: 'b' },
        { path: '/documents/1/fields/1', message: 'c' },
      ],
      docs,
    );
    expect(problemsWithin(problems, 'object', 'customer', '/fields/1').map((p) => p.message)).toEqual(['a']);
    expect(problemsWithin(problems, 'object', 'customer').map((p) => p.message)).toEqual(['a', 'b']);
  });
});
