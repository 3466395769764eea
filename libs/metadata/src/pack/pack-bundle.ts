import { pointer } from '../issues/json-pointer';
import type { MetadataIssue } from '../issues/metadata-issue';
import { validatePack, type PackReport } from './pack.validate';

/**
 * A whole pack in one JSON value, for upload and download: the manifest, the metadata
 * documents and (optionally) the demo data, each by its path in the pack folder.
 * `tessera pack bundle` writes it from a folder; the server's import, plan and export
 * take and give it.
 */
export interface PackBundle {
  manifest: unknown;
  /** The documents the manifest lists under contents, by path. */
  documents: Record<string, unknown>;
  /** The documents the manifest lists under demo, by path; absent in bundles without demo data. */
  demo?: Record<string, unknown>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Problems with the bundle's own shape (not its documents), pointing into the bundle. */
export function bundleShapeIssues(value: unknown): MetadataIssue[] {
  const issue = (path: string, message: string): MetadataIssue => ({ document: 'bundle', path, code: 'bundle.shape', message, severity: 'error' });
  if (!isRecord(value)) return [issue('', 'a pack bundle is a JSON object { manifest, documents, demo? }')];
  const out: MetadataIssue[] = [];
  if (!isRecord(value.manifest)) out.push(issue('/manifest', 'the manifest (pack.json) is missing'));
  if (!isRecord(value.documents)) out.push(issue('/documents', 'documents must be an object of documents by path'));
  if (value.demo !== undefined && !isRecord(value.demo)) out.push(issue('/demo', 'demo must be an object of documents by path'));
  for (const key of Object.keys(value)) if (!['manifest', 'documents', 'demo'].includes(key)) out.push(issue(pointer(key), `unknown property ${JSON.stringify(key)}`));
  return out;
}

/**
 * Validates a bundle exactly as a pack folder is validated (validatePack): the same
 * manifest, placement, schema and lint checks. Demo documents the manifest lists but the
 * bundle leaves out are not an error: a bundle may ship without its demo data.
 */
export function validateBundle(value: unknown): PackReport {
  const shape = bundleShapeIssues(value);
  if (shape.length > 0) return { valid: false, entries: [], issues: shape };
  const bundle = value as PackBundle;
  const report = validatePack({ manifest: bundle.manifest, documents: { ...bundle.documents, ...(bundle.demo ?? {}) } });
  const listed = (section: 'contents' | 'demo') => ((bundle.manifest as Record<string, unknown>)[section] as string[] | undefined) ?? [];
  const missing = listed('contents')
    .filter((path) => !(path in bundle.documents))
    .map((path): MetadataIssue => ({ document: path, path: '', code: 'pack.file-missing', message: `${path} is listed in the manifest but not in the bundle`, severity: 'error' }));
  const misplaced = Object.keys(bundle.demo ?? {})
    .filter((path) => !listed('demo').includes(path))
    .map((path): MetadataIssue => ({ document: path, path: '', code: 'pack.unlisted', message: `${path} is not listed under demo in the manifest`, severity: 'error' }));
  const issues = [...missing, ...misplaced, ...report.issues];
  return { ...report, valid: report.valid && missing.length + misplaced.length === 0, issues };
}
