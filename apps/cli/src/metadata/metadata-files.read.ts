import { existsSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { MetadataIssue } from '@tessera/metadata';
import { jsonFilesUnder, readJsonFile } from '../files/json-file.read';

/** Thrown when a path given on the command line does not exist. */
export class MetadataPathNotFoundError extends Error {}

export interface MetadataFiles {
  /** Every file read, in order, named as the user would type it (forward slashes). */
  files: string[];
  /** The files that parsed, with their name as source. */
  documents: { source: string; document: unknown }[];
  /** Files that could not be read or parsed. */
  issues: MetadataIssue[];
}

const slashes = (path: string) => path.split(sep).join('/');

/**
 * Reads metadata files: a file is read as given, a folder recursively for every
 * .json file (dot folders and node_modules skipped). Each file is read once even when
 * named twice; names keep the form of the argument (relative stays relative).
 */
export function readMetadataFiles(paths: readonly string[]): MetadataFiles {
  const named = new Map<string, string>();
  for (const path of paths) {
    if (!existsSync(path)) throw new MetadataPathNotFoundError(`${path} does not exist`);
    const found = statSync(path).isDirectory() ? jsonFilesUnder(path).map((f) => join(path, f)) : [path];
    for (const file of found) if (!named.has(resolve(file))) named.set(resolve(file), slashes(file));
  }
  const result: MetadataFiles = { files: [...named.values()], documents: [], issues: [] };
  for (const [full, source] of named) {
    const parsed = readJsonFile(full, source);
    if (parsed.issue) result.issues.push(parsed.issue);
    else result.documents.push({ source, document: parsed.value });
  }
  return result;
}
