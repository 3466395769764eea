/** 1-based line and column of a character offset (what an editor shows). */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const at = Math.max(0, Math.min(offset, text.length));
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return { line, column: at - (before.lastIndexOf('\n') + 1) + 1 };
}

/**
 * The character a JSONata error points at. JSONata's `position` is the offset just
 * after the offending token (the text length for "unexpected end"), so the marker goes
 * on the character before it.
 */
export function errorOffset(text: string, position: number | undefined): number {
  if (position === undefined || text.length === 0) return 0;
  return Math.max(0, Math.min(position, text.length) - 1);
}
