import { createHash } from 'node:crypto';
import { canonicalJson } from '../common/canonical-json';
import type { StoredDocument } from './metadata-version';

/** sha256 (hex) of the documents in a stable order: key order and document order do not count. */
export function checksumDocuments(documents: StoredDocument[]): string {
  const texts = documents.map(canonicalJson).sort();
  return createHash('sha256').update(`[${texts.join(',')}]`).digest('hex');
}
