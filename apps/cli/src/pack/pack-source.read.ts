import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { PACK_MANIFEST_FILE, validateBundle, type MetadataIssue, type PackBundle, type PackManifest } from '@tessera/metadata';
import { parseJsonText } from '../files/json-file.read';
import { PackNotFoundError, readPackFolder } from './pack-folder.read';

export interface PackSource {
  bundle?: PackBundle;
  manifest?: PackManifest;
  /** Problems found before anything is sent: unreadable files, schema and lint. */
  issues: MetadataIssue[];
}

const isBundle = (v: unknown): v is PackBundle => typeof v === 'object' && v !== null && 'manifest' in v && 'documents' in v;

/**
 * A pack to send to the server: a pack folder (or its pack.json), or a bundle file made
 * by `tessera pack bundle` / `pack export`. Validated here first, with the same checks as
 * `pack validate`, so a broken pack never leaves the machine.
 */
export function readPackSource(location: string, withDemo: boolean): PackSource {
  if (!existsSync(location)) throw new PackNotFoundError(`${location} does not exist`);
  if (statSync(location).isFile() && basename(location) !== PACK_MANIFEST_FILE) {
    const parsed = parseJsonText(readFileSync(location, 'utf8'), basename(location));
    if (parsed.issue) return { issues: [parsed.issue] };
    if (!isBundle(parsed.value)) throw new PackNotFoundError(`${location} is neither a pack folder nor a pack bundle ({ manifest, documents })`);
    const bundle = withDemo ? parsed.value : { manifest: parsed.value.manifest, documents: parsed.value.documents };
    const report = validateBundle(bundle);
    return { bundle, manifest: report.manifest, issues: report.issues };
  }
  const folder = readPackFolder(location);
  if (folder.manifest === undefined) return { issues: folder.issues };
  const demoPaths = new Set(Array.isArray((folder.manifest as { demo?: unknown }).demo) ? ((folder.manifest as { demo: string[] }).demo) : []);
  const documents: Record<string, unknown> = {};
  const demo: Record<string, unknown> = {};
  for (const [path, doc] of Object.entries(folder.documents)) (demoPaths.has(path) ? demo : documents)[path] = doc;
  const bundle: PackBundle = withDemo && demoPaths.size > 0 ? { manifest: folder.manifest, documents, demo } : { manifest: folder.manifest, documents };
  const report = validateBundle(bundle);
  return { bundle, manifest: report.manifest, issues: [...folder.issues, ...report.issues] };
}

/** A server pointer into a bundle (/documents/<path>/<pointer>) as file:pointer, like validate prints. */
export function bundleLocation(pointer: string): { file: string; pointer: string } {
  const m = /^\/(documents|demo)\/([^/]+)(\/.*)?$/.exec(pointer);
  if (m) return { file: m[2].replace(/~1/g, '/').replace(/~0/g, '~'), pointer: m[3] ?? '' };
  if (pointer.startsWith('/manifest')) return { file: PACK_MANIFEST_FILE, pointer: pointer.slice('/manifest'.length) };
  return { file: '', pointer };
}
