/**
 * One problem found in metadata: where (a JSON Pointer into the document, plus the
 * document it belongs to when checking several), a stable code, a message.
 * Warnings are reported but never make metadata invalid.
 */
export interface MetadataIssue {
  /** The file or document the pointer refers to (a pack-relative path, or kind:key). */
  document?: string;
  path: string;
  code: string;
  message: string;
  severity: 'error' | 'warning';
}

export const isError = (issue: MetadataIssue): boolean => issue.severity === 'error';

export const hasErrors = (issues: readonly MetadataIssue[]): boolean => issues.some(isError);
