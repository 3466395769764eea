import { hasErrors, type MetadataIssue } from '../issues/metadata-issue';
import type { MetadataEntry } from '../lint/metadata.index';
import type { PackManifest } from '../metadata.generated';
import { validateDocument } from '../validation/document.validate';
import { checkMetadata } from '../validation/metadata.check';

/** The manifest's file name inside a pack folder. */
export const PACK_MANIFEST_FILE = 'pack.json';

export interface PackInput {
  manifest: unknown;
  /** Parsed documents by their pack-relative path. Reading and parsing files is the caller's job. */
  documents: Readonly<Record<string, unknown>>;
}

export interface PackReport {
  valid: boolean;
  /** The manifest, when it passed its schema. */
  manifest?: PackManifest;
  /** Documents that passed their schema, by path. */
  entries: MetadataEntry[];
  issues: MetadataIssue[];
}

const issueAt = (document: string, path: string, code: string, message: string): MetadataIssue => ({ document, path, code, message, severity: 'error' });

/** Each document sits in the manifest section made for its kind: demoData under demo, the rest under contents. */
function placementIssues(manifest: PackManifest, documents: Readonly<Record<string, unknown>>): MetadataIssue[] {
  const issues: MetadataIssue[] = [];
  const demo = new Set(manifest.demo ?? []);
  const contents = new Set(manifest.contents);
  for (const [path, doc] of Object.entries(documents)) {
    const kind = (doc as { kind?: unknown } | null)?.kind;
    if (!contents.has(path) && !demo.has(path)) issues.push(issueAt(path, '', 'pack.unlisted', `${path} is not listed in the manifest`));
    else if (kind === 'pack') issues.push(issueAt(path, '/kind', 'pack.nested-manifest', 'a pack cannot contain another manifest'));
    else if (demo.has(path) && kind !== 'demoData') issues.push(issueAt(path, '/kind', 'pack.kind-section', `${path} is listed under demo but is a ${String(kind)} document`));
    else if (contents.has(path) && kind === 'demoData') issues.push(issueAt(path, '/kind', 'pack.kind-section', `${path} is demo data; list it under demo, not contents`));
  }
  return issues;
}

/**
 * Validates a whole pack: the manifest against its schema, every document against
 * its kind's schema and its place in the manifest, then the cross-reference lint over
 * all of them together. The pack is valid when no issue is an error.
 */
export function validatePack(input: PackInput): PackReport {
  const manifestResult = validateDocument(input.manifest);
  const issues: MetadataIssue[] = manifestResult.issues.map((i) => ({ ...i, document: PACK_MANIFEST_FILE }));
  let manifest: PackManifest | undefined;
  if (manifestResult.valid) {
    if (manifestResult.document.kind === 'pack') manifest = manifestResult.document;
    else issues.push(issueAt(PACK_MANIFEST_FILE, '/kind', 'pack.manifest-kind', `${PACK_MANIFEST_FILE} must be a pack manifest, not a ${manifestResult.document.kind} document`));
  }
  if (manifest) issues.push(...placementIssues(manifest, input.documents));
  const checked = checkMetadata(Object.entries(input.documents).map(([source, document]) => ({ source, document })));
  issues.push(...checked.issues);
  return { valid: !hasErrors(issues), manifest, entries: checked.entries, issues };
}
