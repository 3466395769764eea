import { cleanFileName } from './file-name.clean';

describe('cleanFileName', () => {
  it.each([
    ['C:\\fakepath\\报价单.xlsx', '报价单.xlsx'],
    ['../../etc/passwd', 'passwd'],
    ['  spaced.pdf  ', 'spaced.pdf'],
    ['tab\there.pdf', 'tabhere.pdf'],
    ['..', 'file'],
    ['', 'file'],
    [undefined, 'file'],
  ])('%j -> %j', (raw, clean) => {
    expect(cleanFileName(raw)).toBe(clean);
  });

  it('caps long names and keeps the extension', () => {
    const name = cleanFileName(`${'x'.repeat(500)}.pdf`);
    expect(name).toHaveLength(200);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});
