/** Longest name kept, in characters (most file systems allow 255 bytes; names are shown, not used as paths). */
const MAX_NAME = 200;

/**
 * The name a file is shown and downloaded with: the last path segment of what the
 * client sent (some browsers send `C:\fakepath\x.pdf`), without control characters,
 * trimmed and capped, `file` when nothing is left. It is never used in a storage path.
 */
export function cleanFileName(raw: string | undefined): string {
  const last = (raw ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const printable = last.replace(/[\u0000-\u001f\u007f]/g, '').normalize('NFC').trim();
  if (printable === '' || printable === '.' || printable === '..') return 'file';
  if (printable.length <= MAX_NAME) return printable;
  // Keep the extension: it is what the type checks and the user's programs go by.
  const dot = printable.lastIndexOf('.');
  const ext = dot > 0 && printable.length - dot <= 16 ? printable.slice(dot) : '';
  return printable.slice(0, MAX_NAME - ext.length) + ext;
}
