/** Builds a JSON Pointer (RFC 6901) from path segments, escaping ~ and /. */
export const pointer = (...segments: (string | number)[]): string =>
  segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
