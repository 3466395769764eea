import { existsSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { PACK_MANIFEST_FILE, type MetadataIssue, type PackInput } from '@tessera/metadata';
import { fileIssue, jsonFilesUnder, readJsonFile } from '../files/json-file.read';

export interface PackFolder extends PackInput {
  /** The folder that holds the manifest. */
  root: string;
  /** Files that could not be read or parsed, and files the manifest does not list. */
  issues: MetadataIssue[];
}

/** Thrown when there is no pack to read at all (no folder, no manifest). */
export class PackNotFoundError extends Error {}

const listed = (manifest: unknown, section: 'contents' | 'demo'): string[] => {
  const value = (manifest as Record<string, unknown> | null)?.[section];
  return Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string') : [];
};

/**
 * Reads a pack folder (or the pack.json inside one): the manifest and every document it
 * lists, parsed. What cannot be read becomes an issue rather than an exception, so one
 * run reports every broken file; the parsed documents go to validatePack unchanged.
 */
export function readPackFolder(location: string): PackFolder {
  const target = resolve(location);
  if (!existsSync(target)) throw new PackNotFoundError(`${location} does not exist`);
  const root = statSync(target).isDirectory() ? target : resolve(target, '..');
  const manifestPath = statSync(target).isDirectory() ? join(root, PACK_MANIFEST_FILE) : target;
  if (!existsSync(manifestPath)) throw new PackNotFoundError(`${location} has no ${PACK_MANIFEST_FILE}`);
  const manifestName = basename(manifestPath);

  const issues: MetadataIssue[] = [];
  const parsedManifest = readJsonFile(manifestPath, manifestName);
  if (parsedManifest.issue) return { root, manifest: undefined, documents: {}, issues: [parsedManifest.issue] };
  const manifest = parsedManifest.value;

  const documents: Record<string, unknown> = {};
  const paths = [...new Set([...listed(manifest, 'contents'), ...listed(manifest, 'demo')])];
  for (const path of paths) {
    const full = resolve(root, path);
    // The schema forbids .. in paths, but files are read before the schema runs.
    if (!full.startsWith(root + sep)) {
      issues.push(fileIssue(path, 'pack.path-outside', `${path} points outside the pack folder`));
      continue;
    }
    if (!existsSync(full) || !statSync(full).isFile()) {
      issues.push(fileIssue(path, 'pack.file-missing', `${path} is listed in the manifest but does not exist`));
      continue;
    }
    const parsed = readJsonFile(full, path);
    if (parsed.issue) issues.push(parsed.issue);
    else documents[path] = parsed.value;
  }

  const known = new Set([...paths, relative(root, manifestPath).split(sep).join('/')]);
  for (const file of jsonFilesUnder(root)) {
    if (!known.has(file)) issues.push(fileIssue(file, 'pack.unlisted-file', `${file} is not listed in the manifest, so it is not part of the pack`, 'warning'));
  }
  return { root, manifest, documents, issues };
}
