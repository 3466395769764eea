/** One node of the org unit tree, as plain data. */
export interface OrgTreeNode {
  id: string;
  parentId: string | null;
}

function childrenIndex(nodes: readonly OrgTreeNode[]): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const n of nodes) {
    if (n.parentId === null) continue;
    const list = children.get(n.parentId) ?? [];
    list.push(n.id);
    children.set(n.parentId, list);
  }
  return children;
}

/** `id` and every unit below it, breadth first; `[]` when `id` is not in the tree. */
export function descendantsOf(nodes: readonly OrgTreeNode[], id: string): string[] {
  if (!nodes.some((n) => n.id === id)) return [];
  const children = childrenIndex(nodes);
  const out = [id];
  const seen = new Set(out);
  for (let i = 0; i < out.length; i++) {
    for (const child of children.get(out[i]) ?? []) {
      // A cycle in bad data must not loop forever.
      if (!seen.has(child)) {
        seen.add(child);
        out.push(child);
      }
    }
  }
  return out;
}

/** `id`, then its parent, up to the root; `[]` when `id` is not in the tree. */
export function ancestorsOf(nodes: readonly OrgTreeNode[], id: string): string[] {
  const parent = new Map(nodes.map((n) => [n.id, n.parentId]));
  const out: string[] = [];
  for (let at: string | null | undefined = id; at != null && parent.has(at) && !out.includes(at); at = parent.get(at)) out.push(at);
  return out;
}

/** The units of the first cycle found (each one's parent is the next), or null for a forest. */
export function findCycle(nodes: readonly OrgTreeNode[]): string[] | null {
  const parent = new Map(nodes.map((n) => [n.id, n.parentId]));
  const done = new Set<string>();
  for (const start of parent.keys()) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let at: string | null | undefined = start;
    while (at != null && parent.has(at) && !done.has(at)) {
      if (onPath.has(at)) return path.slice(path.indexOf(at));
      onPath.add(at);
      path.push(at);
      at = parent.get(at);
    }
    path.forEach((p) => done.add(p));
  }
  return null;
}

/** Units (keyed, as in org metadata) reordered so every parent comes before its children. */
export function parentsFirst<T extends { key: string; parent?: string | null }>(units: readonly T[]): T[] {
  const byKey = new Map(units.map((u) => [u.key, u]));
  const out: T[] = [];
  const placed = new Set<string>();
  const place = (u: T, depth: number): void => {
    if (placed.has(u.key) || depth > units.length) return;
    const parent = u.parent ? byKey.get(u.parent) : undefined;
    if (parent) place(parent, depth + 1);
    placed.add(u.key);
    out.push(u);
  };
  units.forEach((u) => place(u, 0));
  return out;
}
