import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SAMPLE_PACK_DIR = join(__dirname, 'fixtures/sample-pack');

const read = (path: string): unknown => JSON.parse(readFileSync(join(SAMPLE_PACK_DIR, path), 'utf8'));

interface SampleManifest {
  contents: string[];
  demo?: string[];
}

/** The sample pack as plain data: its manifest and every listed document by path (fresh copies). */
export function loadSamplePack(): { manifest: SampleManifest; documents: Record<string, unknown> } {
  const manifest = read('pack.json') as SampleManifest;
  const paths = [...manifest.contents, ...(manifest.demo ?? [])];
  return { manifest, documents: Object.fromEntries(paths.map((p) => [p, read(p)])) };
}

/** One document of the sample pack (a fresh copy, safe to mutate). */
export function sampleDocument<T = Record<string, unknown>>(path: string): T {
  return read(path) as T;
}
