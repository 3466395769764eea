import type { ContentFamily } from './content-signature.sniff';

export interface KnownType {
  mime: string;
  /** The signature its content must carry; absent when the format has none we check. */
  family?: ContentFamily;
}

/**
 * File extensions the attachment checks know: their MIME type, and the content
 * family a file with that name must actually be. Not exhaustive: an unknown
 * extension is simply "no claim" (its MIME then comes from the upload).
 */
export const TYPES_BY_EXTENSION: Readonly<Record<string, KnownType>> = {
  pdf: { mime: 'application/pdf', family: 'pdf' },
  png: { mime: 'image/png', family: 'png' },
  jpg: { mime: 'image/jpeg', family: 'jpeg' },
  jpeg: { mime: 'image/jpeg', family: 'jpeg' },
  jfif: { mime: 'image/jpeg', family: 'jpeg' },
  gif: { mime: 'image/gif', family: 'gif' },
  webp: { mime: 'image/webp', family: 'webp' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', family: 'zip' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', family: 'zip' },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', family: 'zip' },
  odt: { mime: 'application/vnd.oasis.opendocument.text', family: 'zip' },
  ods: { mime: 'application/vnd.oasis.opendocument.spreadsheet', family: 'zip' },
  odp: { mime: 'application/vnd.oasis.opendocument.presentation', family: 'zip' },
  zip: { mime: 'application/zip', family: 'zip' },
  doc: { mime: 'application/msword', family: 'ole' },
  xls: { mime: 'application/vnd.ms-excel', family: 'ole' },
  ppt: { mime: 'application/vnd.ms-powerpoint', family: 'ole' },
  exe: { mime: 'application/vnd.microsoft.portable-executable', family: 'exe' },
  dll: { mime: 'application/vnd.microsoft.portable-executable', family: 'exe' },
  txt: { mime: 'text/plain' },
  csv: { mime: 'text/csv' },
  json: { mime: 'application/json' },
  xml: { mime: 'application/xml' },
  md: { mime: 'text/markdown' },
  heic: { mime: 'image/heic' },
  bmp: { mime: 'image/bmp' },
  tif: { mime: 'image/tiff' },
  tiff: { mime: 'image/tiff' },
  svg: { mime: 'image/svg+xml' },
  mp4: { mime: 'video/mp4' },
  mov: { mime: 'video/quicktime' },
  mp3: { mime: 'audio/mpeg' },
  dwg: { mime: 'image/vnd.dwg' },
  dxf: { mime: 'image/vnd.dxf' },
  '7z': { mime: 'application/x-7z-compressed' },
  rar: { mime: 'application/vnd.rar' },
};

/** The MIME type reported for content recognised by its signature alone. */
export const MIME_BY_FAMILY: Readonly<Record<ContentFamily, string>> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  zip: 'application/zip',
  ole: 'application/x-ole-storage',
  exe: 'application/vnd.microsoft.portable-executable',
  elf: 'application/x-executable',
  macho: 'application/x-mach-binary',
};

/** Declared MIME types (as browsers send them) that claim a content family. */
export const FAMILY_BY_MIME: Readonly<Record<string, ContentFamily>> = {
  ...Object.fromEntries(Object.values(TYPES_BY_EXTENSION).filter((t) => t.family).map((t) => [t.mime, t.family as ContentFamily])),
  ...Object.fromEntries(Object.entries(MIME_BY_FAMILY).map(([family, mime]) => [mime, family as ContentFamily])),
  'application/x-pdf': 'pdf',
  'image/jpg': 'jpeg',
  'image/pjpeg': 'jpeg',
  'application/x-zip-compressed': 'zip',
  'application/x-msdownload': 'exe',
  'application/x-msdos-program': 'exe',
  'application/x-dosexec': 'exe',
};

/** MIME types that say nothing about the content (what a client sends when it does not know). */
export const GENERIC_MIME_TYPES: ReadonlySet<string> = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/unknown']);
