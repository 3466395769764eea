import type { MetadataDocument } from '@tessera/metadata';
import type { DraftProblem } from './draft.contract';
import { documentKey } from './draft.documents';

/** One error of a problem+json answer: `path` is a JSON Pointer into the request. */
export interface PointerError {
  path: string;
  message: string;
}

/**
 * Maps the validation errors of a document set (pointers like `/documents/4/fields/2/key`,
 * the index being the document's place in the set that was validated) to problems of
 * named documents with a pointer inside each. Anything else stays a problem of the whole set.
 */
export function problemsOf(errors: readonly PointerError[], validated: readonly MetadataDocument[]): DraftProblem[] {
  return errors.map((error) => {
    const match = /^\/documents\/(\d+)(\/.*)?$/.exec(error.path);
    const doc = match ? validated[Number(match[1])] : undefined;
    if (!match || !doc) return { path: error.path, message: error.message };
    return { document: { kind: doc.kind, key: documentKey(doc) }, path: match[2] ?? '', message: error.message };
  });
}

/** True when `path` is `prefix` or lies below it (segment-wise: `/fields/1` does not hold `/fields/10`). */
export function pointerWithin(path: string, prefix: string): boolean {
  if (prefix === '' || prefix === '/') return true;
  const base = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  return path === base || path.startsWith(`${base}/`);
}

/** The problems of one document at or below `prefix`. */
export function problemsWithin(problems: readonly DraftProblem[], kind: MetadataDocument['kind'], key: string, prefix = ''): DraftProblem[] {
  return problems.filter((p) => p.document?.kind === kind && p.document.key === key && pointerWithin(p.path, prefix));
}
