import type { Label } from '@tessera/metadata';
import type { ProblemItem } from '../../api/problem';
import type { MetadataDiffView } from '../publish/diff.types';

/** An installed pack as `GET /api/admin/packs` lists it. */
export interface PackSummary {
  name: string;
  version: string;
  label?: Label;
  installedAt: string;
  metadataVersion: number;
  demoLoadedAt: string | null;
  documents: number;
}

export type PackAction = 'install' | 'upgrade' | 'reinstall' | 'downgrade';

/** `POST /api/admin/packs/plan`: the import run and rolled back. */
export interface PackPlan extends MetadataDiffView {
  pack: { name: string; version: string };
  previousVersion: string | null;
  action: PackAction;
  ok: boolean;
  errors: ProblemItem[];
  orgUnits: { created: string[]; updated: string[]; unchanged: string[] } | null;
  demo: null | { users: number; records: Record<string, number> };
}

export interface PackImportResult {
  pack: { name: string; version: string };
  action: PackAction;
  metadata: { version: number; unchanged: boolean };
  demo: null | { records: Record<string, number>; users: { created: number; existing: number } };
  durationMs: number;
}

export interface ImportOptions {
  demoData: boolean;
  retire: boolean;
  allowDowngrade: boolean;
}

/** The query of plan and import: only the flags that are set. */
export const importQuery = (options: ImportOptions): string => {
  const set = Object.entries(options).filter(([, on]) => on);
  return set.length === 0 ? '' : `?${set.map(([name]) => `${name}=true`).join('&')}`;
};

/** A bundle file's text as a bundle (`{ manifest, documents, demo? }`), or why it is not one. */
export function readBundle(text: string): { bundle: { manifest: { name?: string; version?: string } } & Record<string, unknown> } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: (error as Error).message };
  }
  if (typeof value !== 'object' || value === null || !('manifest' in value) || !('documents' in value)) return { error: 'manifest/documents' };
  return { bundle: value as { manifest: { name?: string; version?: string } } & Record<string, unknown> };
}
