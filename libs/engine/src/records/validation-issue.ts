/** One problem with a record write: a JSON Pointer into the request body, a stable code, a message. */
export interface ValidationIssue {
  path: string;
  code: string;
  message: string;
  /** The rule that produced it, for rule issues. */
  rule?: string;
}

export type Locale = 'zh-CN' | 'en';

export const pointer = (...segments: string[]): string =>
  segments.map((s) => '/' + s.replace(/~/g, '~0').replace(/\//g, '~1')).join('');
