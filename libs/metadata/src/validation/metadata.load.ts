import { hasErrors, type MetadataIssue } from '../issues/metadata-issue';
import type { MetadataEntry } from '../lint/metadata.index';
import { checkMetadata } from './metadata.check';

export interface NamedDocument {
  /** Where the document came from (a file path, or kind:key); errors name it. */
  name: string;
  content: unknown;
}

export type LoadResult =
  | { ok: true; set: MetadataEntry[]; warnings: MetadataIssue[] }
  | { ok: false; errors: MetadataIssue[] };

/**
 * Loads a metadata set: every document validated against the schema of its kind
 * (one AJV instance, each schema compiled once), then the cross-reference lint
 * over the whole set. Either the typed set or every error, each with its document
 * and JSON Pointer. Browser-safe: no file system here.
 */
export function loadMetadata(documents: readonly NamedDocument[]): LoadResult {
  const { entries, issues } = checkMetadata(documents.map((d) => ({ source: d.name, document: d.content })));
  if (hasErrors(issues)) return { ok: false, errors: issues.filter((i) => i.severity === 'error') };
  return { ok: true, set: entries, warnings: issues };
}
