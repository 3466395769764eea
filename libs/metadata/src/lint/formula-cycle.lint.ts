import type { MetadataIssue } from '../issues/metadata-issue';
import type { FormulaField, ObjectDefinition } from '../metadata.generated';
import { expressionFieldRefs } from './expression.field-refs';
import { error } from './lint.context';

/**
 * Formulas that read formulas must not loop: a formula is computed from the ones
 * it reads, so a cycle has no evaluation order. Reports each cycle once, at the
 * formula where it closes, naming the whole loop.
 */
export function lintFormulaCycles(object: ObjectDefinition): MetadataIssue[] {
  const formulas = new Map<string, { field: FormulaField; index: number }>();
  object.fields.forEach((f, index) => {
    if (f.type === 'formula') formulas.set(f.key, { field: f, index });
  });
  const deps = new Map<string, string[]>();
  for (const [key, { field }] of formulas) {
    let refs: string[] = [];
    try {
      refs = [...expressionFieldRefs(field.expression)].filter((r) => formulas.has(r));
    } catch {
      // A formula that does not parse is reported by the expression lint.
    }
    deps.set(key, refs);
  }
  const issues: MetadataIssue[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (key: string): void => {
    state.set(key, 'visiting');
    stack.push(key);
    for (const dep of deps.get(key) ?? []) {
      if (state.get(dep) === 'visiting') {
        const loop = [...stack.slice(stack.indexOf(dep)), dep];
        issues.push(error(`/fields/${formulas.get(dep)!.index}/expression`, 'formula.cycle', `formulas depend on each other in a loop: ${loop.join(' -> ')}`));
      } else if (!state.has(dep)) visit(dep);
    }
    stack.pop();
    state.set(key, 'done');
  };
  for (const key of formulas.keys()) if (!state.has(key)) visit(key);
  return issues;
}
