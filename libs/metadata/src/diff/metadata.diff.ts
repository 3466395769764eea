import { documentName, type MetadataKind } from '../kinds/metadata-kind.registry';
import type { MetadataDocument, ObjectDefinition } from '../metadata.generated';
import type { DataRisk } from './data-risk';
import { diffJson, type JsonChange } from './json.diff';
import { objectRisks } from './object.risks';

export interface DocumentDiff {
  kind: MetadataKind;
  /** kind:key */
  name: string;
  status: 'added' | 'removed' | 'changed';
  /** For changed documents: what changed, by JSON Pointer. */
  changes: JsonChange[];
}

export interface MetadataDiff {
  /** Every document added, removed or changed, in the order of the new version (removals last). */
  documents: DocumentDiff[];
  /** Changes that could lose or refuse stored data, each with the check that makes it safe. */
  risks: DataRisk[];
}

/**
 * Compares two whole metadata versions: what changed in each document (for the
 * designer's publish preview) and which changes put stored data at risk (for the
 * publish to check before it alters any table).
 */
export function diffMetadata(before: readonly MetadataDocument[], after: readonly MetadataDocument[]): MetadataDiff {
  const old = new Map(before.map((d) => [documentName(d), d]));
  const next = new Map(after.map((d) => [documentName(d), d]));
  const documents: DocumentDiff[] = [];
  const risks: DataRisk[] = [];

  for (const [name, doc] of next) {
    const was = old.get(name);
    if (!was) {
      documents.push({ kind: doc.kind, name, status: 'added', changes: [] });
      continue;
    }
    const changes = diffJson(was, doc);
    if (changes.length > 0) documents.push({ kind: doc.kind, name, status: 'changed', changes });
    if (doc.kind === 'object' && !doc.retired) risks.push(...objectRisks(was as ObjectDefinition, doc));
  }
  for (const [name, doc] of old) {
    if (next.has(name)) continue;
    documents.push({ kind: doc.kind, name, status: 'removed', changes: [] });
    if (doc.kind === 'object') {
      risks.push({ change: 'objectRemoved', object: doc.key, path: '', message: `${doc.key}: object is removed; its records would be lost`, check: { kind: 'noRows' }, alternative: 'retire' });
    }
  }
  return { documents, risks };
}
