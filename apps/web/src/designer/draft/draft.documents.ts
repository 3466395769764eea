import type { MetadataDocument } from '@tessera/metadata';

type Kind = MetadataDocument['kind'];

/** The name a document is found by within its kind (packs are named, everything else has a key). */
export const documentKey = (doc: MetadataDocument): string => (doc.kind === 'pack' ? doc.name : doc.key);

export const isDocument = (doc: MetadataDocument, kind: Kind, key: string): boolean => doc.kind === kind && documentKey(doc) === key;

/** The documents with `kind`/`key` replaced in place, or added at the end when it is new. */
export function putDocument(documents: readonly MetadataDocument[], kind: Kind, key: string, next: MetadataDocument): MetadataDocument[] {
  const index = documents.findIndex((d) => isDocument(d, kind, key));
  if (index < 0) return [...documents, next];
  return documents.map((d, i) => (i === index ? next : d));
}

export function dropDocument(documents: readonly MetadataDocument[], kind: Kind, key: string): MetadataDocument[] {
  return documents.filter((d) => !isDocument(d, kind, key));
}
