import jsonata from 'jsonata';

interface AstNode {
  type: string;
  value?: unknown;
  steps?: AstNode[];
  [k: string]: unknown;
}

/**
 * The top-level field names an expression reads (the first step of each path),
 * used to order formulas by dependency and to know which writes affect them.
 */
export function expressionFieldRefs(expression: string): Set<string> {
  const refs = new Set<string>();
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const n = node as AstNode;
    if (n.type === 'path' && Array.isArray(n.steps) && n.steps[0]?.type === 'name') refs.add(String(n.steps[0].value));
    else if (n.type === 'name') refs.add(String(n.value));
    for (const [k, v] of Object.entries(n)) if (k !== 'value' || typeof v === 'object') walk(v);
  };
  walk(jsonata(expression).ast());
  return refs;
}
