/**
 * Content families told apart by their first bytes (magic numbers). Only formats
 * with an unambiguous signature are listed; anything else is "not recognised",
 * which is not an error by itself (plain text, CSV, DWG… have no reliable one).
 */
export type ContentFamily = 'pdf' | 'png' | 'jpeg' | 'gif' | 'webp' | 'zip' | 'ole' | 'exe' | 'elf' | 'macho';

/** Bytes needed to recognise every family below (WEBP: "RIFF" size "WEBP"). */
export const SNIFF_BYTES = 12;

/** Families that are programs: never accepted unless a field's `accept` names them. */
export const EXECUTABLE_FAMILIES: ReadonlySet<ContentFamily> = new Set(['exe', 'elf', 'macho']);

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** Signature bytes at an offset; `undefined` entries match any byte. */
const SIGNATURES: Array<{ family: ContentFamily; at?: number; bytes: Array<number | undefined> }> = [
  { family: 'pdf', bytes: ascii('%PDF-') },
  { family: 'png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { family: 'jpeg', bytes: [0xff, 0xd8, 0xff] },
  { family: 'gif', bytes: ascii('GIF87a') },
  { family: 'gif', bytes: ascii('GIF89a') },
  { family: 'webp', bytes: [...ascii('RIFF'), undefined, undefined, undefined, undefined, ...ascii('WEBP')] },
  // Office Open XML (docx, xlsx, pptx) and OpenDocument files are ZIP archives.
  { family: 'zip', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { family: 'zip', bytes: [0x50, 0x4b, 0x05, 0x06] },
  // Legacy Office (doc, xls, ppt) is an OLE compound file.
  { family: 'ole', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { family: 'exe', bytes: ascii('MZ') },
  { family: 'elf', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { family: 'macho', bytes: [0xfe, 0xed, 0xfa, 0xce] },
  { family: 'macho', bytes: [0xfe, 0xed, 0xfa, 0xcf] },
  { family: 'macho', bytes: [0xce, 0xfa, 0xed, 0xfe] },
  { family: 'macho', bytes: [0xcf, 0xfa, 0xed, 0xfe] },
];

/** The family the first bytes of a file belong to, or undefined when none matches. */
export function sniffContent(head: Uint8Array): ContentFamily | undefined {
  for (const s of SIGNATURES) {
    const at = s.at ?? 0;
    if (head.length < at + s.bytes.length) continue;
    if (s.bytes.every((b, i) => b === undefined || head[at + i] === b)) return s.family;
  }
  return undefined;
}
