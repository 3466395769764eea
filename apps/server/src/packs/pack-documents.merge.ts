import { documentName, type MetadataDocument } from '@tessera/metadata';

export interface PackOwnership {
  pack: string;
  /** kind:key of the published documents the pack brought. */
  names: readonly string[];
}

export interface PackMerge {
  /** The documents to publish: the published ones with the pack's replaced, added or (for this pack's own) removed. */
  next: MetadataDocument[];
  /** Documents of the pack that another pack, or nobody's import, already published. */
  conflicts: Array<{ name: string; owner: string | null }>;
  /** This pack's documents of the installed version that the new version no longer has. */
  removed: string[];
}

/**
 * What a pack import publishes (pure): the published set, where each document of the
 * pack replaces its namesake in place and new ones are appended; documents the installed
 * version of the same pack had and this one drops are left out (the publish keeps a
 * dropped object or field retired). Org documents are not published (the org tree is
 * run-time data, synced at import), so they never take part. A document that exists and
 * is not this pack's is a conflict: importing would silently take it over.
 */
export function mergePackDocuments(
  published: readonly MetadataDocument[],
  pack: { name: string; documents: readonly MetadataDocument[] },
  installed: readonly PackOwnership[],
): PackMerge {
  const own = new Set(installed.find((i) => i.pack === pack.name)?.names ?? []);
  const owners = new Map<string, string>();
  for (const i of installed) if (i.pack !== pack.name) for (const n of i.names) owners.set(n, i.pack);
  const incoming = new Map(pack.documents.filter((d) => d.kind !== 'org' && d.kind !== 'demoData' && d.kind !== 'pack').map((d) => [documentName(d), d]));

  const conflicts: PackMerge['conflicts'] = [];
  const publishedNames = new Set(published.map(documentName));
  for (const name of incoming.keys()) {
    if (publishedNames.has(name) && !own.has(name)) conflicts.push({ name, owner: owners.get(name) ?? null });
  }
  const removed = [...own].filter((n) => !incoming.has(n));
  const dropped = new Set(removed);
  const next: MetadataDocument[] = [];
  for (const doc of published) {
    const name = documentName(doc);
    if (dropped.has(name)) continue;
    next.push(incoming.get(name) ?? doc);
    incoming.delete(name);
  }
  next.push(...incoming.values());
  return { next, conflicts, removed };
}
