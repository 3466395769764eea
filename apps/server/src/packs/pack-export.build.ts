import { documentName, type MetadataDocument, type PackBundle } from '@tessera/metadata';
import type { PackInstallation } from './pack-installation.repository';

/**
 * The bundle an installed pack exports to (pure): its manifest (without demo data) and,
 * at the paths it was imported from, the published version of each of its documents, so
 * what the designer changed since is part of the export. Org documents come from the
 * installation (they are synced to the org tree, not published). A document that is no
 * longer published is left out of the contents.
 */
export function buildPackExport(installation: PackInstallation, published: readonly MetadataDocument[]): PackBundle {
  const byName = new Map(published.map((d) => [documentName(d), d]));
  const documents: Record<string, unknown> = {};
  for (const entry of installation.documents) {
    const doc = entry.name.startsWith('org:') ? entry.document : byName.get(entry.name);
    if (doc !== undefined) documents[entry.path] = doc;
  }
  const { demo: _demo, ...manifest } = installation.manifest;
  return { manifest: { ...manifest, contents: Object.keys(documents) }, documents };
}
