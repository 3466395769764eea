import type {
  ApprovalFlowDefinition,
  MetadataDocument,
  ObjectDefinition,
  OrgUnit,
  PipelineDefinition,
  RoleDefinition,
} from '../metadata.generated';
import type { DocumentOf, MetadataKind } from '../kinds/metadata-kind.registry';

export interface DemoUserSummary {
  roles: readonly string[];
}

/** A document and where it came from (a pack-relative path, or kind:key). */
export interface MetadataEntry<D extends MetadataDocument = MetadataDocument> {
  source: string;
  document: D;
}

/**
 * Lookups over a set of documents (a pack, or every published document), built
 * once per lint. When a key is declared twice the first declaration wins here and
 * the duplicate is reported by the lint.
 */
export interface MetadataIndex {
  entries: readonly MetadataEntry[];
  objects: ReadonlyMap<string, ObjectDefinition>;
  pipelines: ReadonlyMap<string, PipelineDefinition>;
  /** The pipeline of each object (at most one per object). */
  pipelineOf: ReadonlyMap<string, PipelineDefinition>;
  approvalFlows: ReadonlyMap<string, ApprovalFlowDefinition>;
  roles: ReadonlyMap<string, RoleDefinition>;
  /** Org units of the (single) org document. */
  orgUnits: ReadonlyMap<string, OrgUnit>;
  /** Demo record refs by object key. */
  demoRefs: ReadonlyMap<string, ReadonlySet<string>>;
  /** Objects whose demo records are (also) generated: a ref generator can point at them. */
  demoGenerated: ReadonlySet<string>;
  /** Demo users listed by login. */
  demoUsers: ReadonlyMap<string, DemoUserSummary>;
  /** Roles held by at least one demo user (listed or generated). */
  demoRoleHolders: ReadonlySet<string>;
  /**
   * Names (kind:key) of documents that exist but failed their schema. References to
   * them are not reported again: the cause is already reported in that document.
   */
  invalid: ReadonlySet<string>;
}

function byKey<K extends Exclude<MetadataKind, 'pack'>>(entries: readonly MetadataEntry[], kind: K): Map<string, DocumentOf<K>> {
  const map = new Map<string, DocumentOf<K>>();
  for (const { document } of entries) {
    if (document.kind === kind && !map.has(document.key)) map.set(document.key, document as DocumentOf<K>);
  }
  return map;
}

export function indexMetadata(entries: readonly MetadataEntry[], invalid: ReadonlySet<string> = new Set()): MetadataIndex {
  const pipelines = byKey(entries, 'pipeline');
  const pipelineOf = new Map<string, PipelineDefinition>();
  for (const p of pipelines.values()) if (!pipelineOf.has(p.object)) pipelineOf.set(p.object, p);

  const org = entries.map((e) => e.document).find((d) => d.kind === 'org');
  const orgUnits = new Map<string, OrgUnit>();
  for (const u of org?.units ?? []) if (!orgUnits.has(u.key)) orgUnits.set(u.key, u);

  const demoRoleHolders = new Set<string>();
  const demoRefs = new Map<string, Set<string>>();
  const demoGenerated = new Set<string>();
  const demoUsers = new Map<string, DemoUserSummary>();
  for (const { document } of entries) {
    if (document.kind !== 'demoData') continue;
    for (const u of document.users ?? []) if (!demoUsers.has(u.login)) demoUsers.set(u.login, { roles: u.roles });
    for (const g of document.generateUsers ?? []) for (const role of g.roles) demoRoleHolders.add(role);
    if (document.object === undefined) continue;
    if (document.generate) demoGenerated.add(document.object);
    const refs = demoRefs.get(document.object) ?? new Set<string>();
    for (const r of document.records ?? []) if (r.ref) refs.add(r.ref);
    demoRefs.set(document.object, refs);
  }
  for (const u of demoUsers.values()) for (const role of u.roles) demoRoleHolders.add(role);

  return {
    entries,
    objects: byKey(entries, 'object'),
    pipelines,
    pipelineOf,
    approvalFlows: byKey(entries, 'approvalFlow'),
    roles: byKey(entries, 'role'),
    orgUnits,
    demoRefs,
    demoGenerated,
    demoUsers,
    demoRoleHolders,
    invalid,
  };
}
