import { sniffContent } from './content-signature.sniff';
import { checkFileType, extensionOf, normalizeMime } from './file-type.check';

const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const PDF = bytes('%PDF-1.7\n%\xe2\xe3');
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
const GIF = bytes('GIF89a\x01\x00\x01\x00\x80\x00');
const WEBP = bytes('RIFF\x24\x00\x00\x00WEBP');
const ZIP = bytes([0x50, 0x4b, 0x03, 0x04, 20, 0, 6, 0, 8, 0, 0, 0]);
const OLE = bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
const EXE = bytes('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00');
const ELF = bytes([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0]);
const TEXT = bytes('Hello, world');

describe('sniffContent', () => {
  it.each([
    [PDF, 'pdf'], [PNG, 'png'], [JPEG, 'jpeg'], [GIF, 'gif'], [WEBP, 'webp'], [ZIP, 'zip'], [OLE, 'ole'], [EXE, 'exe'], [ELF, 'elf'],
    [TEXT, undefined], [bytes('RIFF\x24\x00\x00\x00WAVE'), undefined], [bytes('%PD'), undefined], [Buffer.alloc(0), undefined],
  ])('%#: recognises %s', (head, family) => {
    expect(sniffContent(head)).toBe(family);
  });
});

describe('checkFileType', () => {
  const OFFICE = ['application/pdf', 'image/*', '.xlsx'];
  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

  it.each([
    // name, declared, head, accept, stored MIME type
    ['offer.pdf', 'application/pdf', PDF, OFFICE, 'application/pdf'],
    ['OFFER.PDF', 'application/octet-stream', PDF, OFFICE, 'application/pdf'],
    ['site.jpg', 'image/jpeg', JPEG, OFFICE, 'image/jpeg'],
    ['scan.webp', '', WEBP, OFFICE, 'image/webp'],
    ['quote.xlsx', 'application/octet-stream', ZIP, OFFICE, XLSX],
    ['quote.xlsx', XLSX, ZIP, undefined, XLSX],
    ['photo', 'application/octet-stream', PNG, ['image/*'], 'image/png'],
    ['notes.txt', 'text/plain; charset=utf-8', TEXT, undefined, 'text/plain'],
    ['notes.txt', 'text/plain', TEXT, ['.TXT'], 'text/plain'],
    ['drawing.dwg', 'application/octet-stream', TEXT, ['.dwg'], 'image/vnd.dwg'],
    ['old.xls', 'application/vnd.ms-excel', OLE, ['application/vnd.ms-excel'], 'application/vnd.ms-excel'],
    ['setup.exe', 'application/x-msdownload', EXE, ['.exe'], 'application/vnd.microsoft.portable-executable'],
    ['anything.bin', 'application/octet-stream', TEXT, ['*/*'], 'application/octet-stream'],
  ])('accepts %s (%s) as %#', (fileName, declaredMime, head, accept, mimeType) => {
    expect(checkFileType({ fileName, declaredMime, head, accept })).toEqual({ ok: true, mimeType });
  });

  it.each([
    // a renamed program: the name claims PDF, the bytes are not
    ['offer.pdf', 'application/pdf', EXE, OFFICE, 'file.content_mismatch'],
    ['offer.pdf', 'application/pdf', EXE, undefined, 'file.content_mismatch'],
    // the declared type claims PNG, the bytes are PDF
    ['scan', 'image/png', PDF, undefined, 'file.content_mismatch'],
    // an image named .png with JPEG bytes is still a lie about the format
    ['site.png', 'image/png', JPEG, ['image/*'], 'file.content_mismatch'],
    ['quote.xlsx', 'application/octet-stream', TEXT, OFFICE, 'file.content_mismatch'],
    ['empty.pdf', 'application/pdf', Buffer.alloc(0), OFFICE, 'file.content_mismatch'],
    // programs need an explicit entry: a missing accept or a wildcard is not enough
    ['tool', 'application/octet-stream', EXE, undefined, 'file.executable'],
    ['tool.bin', 'application/octet-stream', ELF, ['*/*'], 'file.executable'],
    ['notes.txt', 'text/plain', TEXT, OFFICE, 'file.type_not_accepted'],
    ['data.csv', 'application/octet-stream', TEXT, OFFICE, 'file.type_not_accepted'],
    ['site.png', 'image/png', PNG, ['application/pdf', '.xlsx'], 'file.type_not_accepted'],
    ['offer.pdf', 'application/pdf', PDF, ['image/*'], 'file.type_not_accepted'],
  ])('refuses %s (%s) %#', (fileName, declaredMime, head, accept, code) => {
    const verdict = checkFileType({ fileName, declaredMime, head, accept });
    expect(verdict).toMatchObject({ ok: false, code });
    expect((verdict as { message: string }).message).toContain(fileName);
  });
});

describe('extensionOf and normalizeMime', () => {
  it.each([['a.PDF', 'pdf'], ['archive.tar.gz', 'gz'], ['.xlsx', 'xlsx'], ['README', undefined], ['trailing.', undefined]])('%s -> %s', (name, ext) => {
    expect(extensionOf(name)).toBe(ext);
  });
  it.each([['Text/Plain; charset=UTF-8', 'text/plain'], ['', ''], ['nonsense', ''], ['image/svg+xml', 'image/svg+xml']])('%s -> %s', (raw, mime) => {
    expect(normalizeMime(raw)).toBe(mime);
  });
});
