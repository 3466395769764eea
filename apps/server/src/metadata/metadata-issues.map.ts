import type { MetadataIssue } from '@tessera/metadata';
import type { ErrorItem } from '../common/errors/error-item';

/**
 * Metadata issues point into one document; the API reports them as JSON Pointers
 * into the request body, whose documents are checked with source = their index.
 */
export function issuesToErrors(issues: readonly MetadataIssue[], base = '/documents'): ErrorItem[] {
  return issues.map((i) => ({
    path: `${base}/${i.document ?? ''}${i.path}`,
    code: i.code,
    message: i.message,
  }));
}
