import { KIND_SCHEMAS, SHARED_SCHEMAS, type SchemaJson } from '../kinds/metadata-kind.registry';

type Node = Record<string, unknown>;

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

function resolveLocal(root: SchemaJson, ref: string): Node | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const seg of ref.slice(2).split('/')) node = isNode(node) ? node[seg] : undefined;
  return isNode(node) ? node : undefined;
}

function tagOf(branch: Node, tag: string): unknown {
  const props = branch.properties;
  return isNode(props) && isNode(props[tag]) ? props[tag].const : undefined;
}

function collect(root: SchemaJson, node: unknown, into: Map<object, string[]>): void {
  if (Array.isArray(node)) return node.forEach((n) => collect(root, n, into));
  if (!isNode(node)) return;
  const disc = node.discriminator;
  if (isNode(disc) && typeof disc.propertyName === 'string' && Array.isArray(node.oneOf)) {
    const tag = disc.propertyName;
    const values = node.oneOf
      .map((b: unknown) => (isNode(b) && typeof b.$ref === 'string' ? resolveLocal(root, b.$ref) : isNode(b) ? b : undefined))
      .map((b) => (b ? tagOf(b, tag) : undefined))
      .filter((v): v is string => typeof v === 'string');
    into.set(node, values);
  }
  for (const v of Object.values(node)) collect(root, v, into);
}

let tags: Map<object, string[]> | undefined;

/**
 * The allowed tag values of a discriminated union, keyed by the union's schema
 * object (the parentSchema AJV reports), so an unknown `type` can list the known ones.
 */
export function discriminatorTags(unionSchema: object): string[] | undefined {
  if (!tags) {
    tags = new Map();
    for (const schema of [...SHARED_SCHEMAS, ...Object.values(KIND_SCHEMAS)]) collect(schema, schema, tags);
  }
  return tags.get(unionSchema);
}
