/** Builds a JSON Pointer (RFC 6901) from path segments, escaping ~ and /. */
export const pointer = (...segments: (string | number)[]): string =>
  segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');

/** The segments of a JSON Pointer, unescaped. */
export const pointerSegments = (path: string): string[] =>
  path === '' ? [] : path.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
