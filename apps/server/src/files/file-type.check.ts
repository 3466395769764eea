import { EXECUTABLE_FAMILIES, sniffContent } from './content-signature.sniff';
import { FAMILY_BY_MIME, GENERIC_MIME_TYPES, MIME_BY_FAMILY, TYPES_BY_EXTENSION } from './file-types.table';

export interface FileTypeInput {
  fileName: string;
  /** The Content-Type the client sent for the part. */
  declaredMime: string;
  /** The first bytes of the content (at least SNIFF_BYTES, fewer only for a shorter file). */
  head: Uint8Array;
  /** The field's `accept` list; undefined = any type. */
  accept?: readonly string[];
}

export type FileTypeRefusal = 'file.content_mismatch' | 'file.type_not_accepted' | 'file.executable';

export type FileTypeVerdict = { ok: true; mimeType: string } | { ok: false; code: FileTypeRefusal; message: string };

/**
 * Decides whether a file may be attached and which MIME type it is stored with.
 *
 * The rule, in order:
 * 1. Claims must be true. The name's extension and the declared MIME type each
 *    claim a format; when that format has a signature we recognise (PDF, PNG, JPEG,
 *    GIF, WEBP, ZIP-based office files, legacy OLE office files, executables), the
 *    first bytes must carry it. A program renamed to `offer.pdf` fails here whatever
 *    `accept` says, because the name claims PDF and the bytes are not PDF.
 * 2. Programs (Windows, ELF, Mach-O signatures) are refused unless `accept` names
 *    their extension or MIME type exactly; wildcards and a missing `accept` do not count.
 * 3. The stored MIME type is what the bytes prove (the extension's type when it is a
 *    member of the sniffed family, e.g. xlsx for a ZIP), else the declared type
 *    unless generic (application/octet-stream), else the extension's type.
 * 4. `accept`: the file passes when one entry matches — `.ext` against the name's
 *    extension, `type/*` against the stored type's top level, `type/sub` exactly.
 */
export function checkFileType(input: FileTypeInput): FileTypeVerdict {
  const ext = extensionOf(input.fileName);
  const byExt = ext ? TYPES_BY_EXTENSION[ext] : undefined;
  const declared = normalizeMime(input.declaredMime);
  const sniffed = sniffContent(input.head);
  const name = input.fileName;

  const claims = [
    byExt?.family && { by: `its name (.${ext})`, family: byExt.family },
    FAMILY_BY_MIME[declared] && { by: `its type (${declared})`, family: FAMILY_BY_MIME[declared] },
  ].filter((c): c is { by: string; family: NonNullable<typeof sniffed> } => Boolean(c));
  for (const claim of claims) {
    if (claim.family !== sniffed) {
      const actual = sniffed ? `${MIME_BY_FAMILY[sniffed]} content` : 'content of another kind';
      return { ok: false, code: 'file.content_mismatch', message: `${name} is ${claim.family.toUpperCase()} by ${claim.by} but has ${actual}` };
    }
  }

  const mimeType = sniffed
    ? byExt?.family === sniffed
      ? byExt.mime
      : MIME_BY_FAMILY[sniffed]
    : !GENERIC_MIME_TYPES.has(declared)
      ? declared
      : (byExt?.mime ?? 'application/octet-stream');

  const accept = input.accept?.map((a) => a.trim().toLowerCase());
  if (sniffed && EXECUTABLE_FAMILIES.has(sniffed)) {
    const named = accept?.some((a) => (a.startsWith('.') ? a.slice(1) === ext : a === mimeType));
    if (!named) return { ok: false, code: 'file.executable', message: `${name} is a program; programs are not accepted here` };
    return { ok: true, mimeType };
  }
  if (accept && !accept.some((a) => acceptMatches(a, ext, mimeType))) {
    return { ok: false, code: 'file.type_not_accepted', message: `${name} (${mimeType}) is not one of the accepted types: ${input.accept?.join(', ')}` };
  }
  return { ok: true, mimeType };
}

function acceptMatches(entry: string, ext: string | undefined, mime: string): boolean {
  if (entry === '*' || entry === '*/*') return true;
  if (entry.startsWith('.')) return ext !== undefined && entry.slice(1) === ext;
  if (entry.endsWith('/*')) return mime.startsWith(entry.slice(0, -1));
  return normalizeMime(entry) === mime;
}

/** The lower-case extension of a file name, without the dot; undefined when there is none. */
export function extensionOf(fileName: string): string | undefined {
  const dot = fileName.lastIndexOf('.');
  if (dot < 0 || dot === fileName.length - 1) return undefined;
  return fileName.slice(dot + 1).toLowerCase();
}

const MIME_SHAPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/;

/** `Type/Sub; charset=x` -> `type/sub`; anything not shaped like a MIME type -> ''. */
export function normalizeMime(value: string | undefined): string {
  const bare = (value ?? '').split(';')[0].trim().toLowerCase();
  return MIME_SHAPE.test(bare) ? bare : '';
}
