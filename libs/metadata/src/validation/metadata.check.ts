import type { MetadataIssue } from '../issues/metadata-issue';
import { indexMetadata, type MetadataEntry } from '../lint/metadata.index';
import { lintMetadata } from '../lint/metadata.lint';
import { validateDocument } from './document.validate';

export interface MetadataCheck {
  /** The documents that passed their schema, typed; the lint ran over exactly these. */
  entries: MetadataEntry[];
  issues: MetadataIssue[];
}

/**
 * Schema validation of every document, then the cross-reference lint over those that
 * passed (a document that failed its schema is not linted, and references to it are
 * reported as missing). Issues carry the source they belong to.
 */
export function checkMetadata(inputs: readonly { source: string; document: unknown }[]): MetadataCheck {
  const issues: MetadataIssue[] = [];
  const entries: MetadataEntry[] = [];
  const invalid = new Set<string>();
  for (const { source, document } of inputs) {
    const result = validateDocument(document);
    if (result.valid) entries.push({ source, document: result.document });
    else {
      issues.push(...result.issues.map((i) => ({ ...i, document: source })));
      const { kind, key } = (document ?? {}) as { kind?: unknown; key?: unknown };
      if (typeof kind === 'string' && typeof key === 'string') invalid.add(`${kind}:${key}`);
    }
  }
  issues.push(...lintMetadata(entries, indexMetadata(entries, invalid)));
  const order = new Map(inputs.map((d, i) => [d.source, i]));
  // Stable sort: issues of one document together, in the order the documents were given.
  issues.sort((a, b) => (order.get(a.document ?? '') ?? -1) - (order.get(b.document ?? '') ?? -1));
  return { entries, issues };
}
