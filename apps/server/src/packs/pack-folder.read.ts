import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { PACK_MANIFEST_FILE, type PackBundle } from '@tessera/metadata';

/** Thrown when a pack folder cannot be read as a bundle (no manifest, unreadable or unparsable file). */
export class PackFolderError extends Error {}

/**
 * Reads a pack folder into a bundle (the server's start-up seeding; the CLI has its own
 * reader that reports every broken file). Files the manifest lists are read relative to
 * it and must stay inside the folder.
 */
export async function readPackFolder(folder: string, withDemo: boolean): Promise<PackBundle> {
  const root = resolve(folder);
  const read = async (path: string): Promise<unknown> => {
    const full = resolve(root, path);
    if (full !== join(root, PACK_MANIFEST_FILE) && !full.startsWith(root + sep)) throw new PackFolderError(`${path} points outside ${folder}`);
    let text: string;
    try {
      text = await readFile(full, 'utf8');
    } catch (error) {
      throw new PackFolderError(`${folder}: cannot read ${path} (${(error as Error).message})`);
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new PackFolderError(`${folder}: ${path} is not JSON (${(error as Error).message})`);
    }
  };
  const manifest = (await read(PACK_MANIFEST_FILE)) as { contents?: unknown; demo?: unknown };
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((p): p is string => typeof p === 'string') : []);
  const documents: Record<string, unknown> = {};
  for (const path of list(manifest.contents)) documents[path] = await read(path);
  if (!withDemo) return { manifest, documents };
  const demo: Record<string, unknown> = {};
  for (const path of list(manifest.demo)) demo[path] = await read(path);
  return { manifest, documents, demo };
}
