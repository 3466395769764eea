import type { DataRisk, DocumentDiff } from '@tessera/metadata';

/** What `POST /api/metadata/diff` answers and `GET /api/metadata/versions/:n` carries (diffMetadata's result). */
export interface MetadataDiffView {
  documents: Array<DocumentDiff & { safe?: boolean }>;
  risks: Array<DataRisk & { destructive?: boolean | null }>;
}

/** A JSON value in one short line for the diff table. */
export function brief(value: unknown, max = 80): string {
  if (value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
