import type { FormulaField, ObjectDefinition } from '@tessera/metadata';
import type { ExpressionCache } from '../expressions/expression.compile';
import { expressionInput } from '../expressions/expression.input';
import { expressionFieldRefs } from '@tessera/metadata';
import { activeFields } from './record-schema.build';

/**
 * Formula fields in evaluation order: a formula that reads another formula comes
 * after it. The metadata lint refuses cycles; a cycle here is a programming error.
 */
export function orderFormulas(object: ObjectDefinition): FormulaField[] {
  const formulas = activeFields(object).filter((f): f is FormulaField => f.type === 'formula');
  const byKey = new Map(formulas.map((f) => [f.key, f]));
  const ordered: FormulaField[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (f: FormulaField): void => {
    if (state.get(f.key) === 'done') return;
    if (state.get(f.key) === 'visiting') throw new Error(`formula cycle through ${object.key}.${f.key}`);
    state.set(f.key, 'visiting');
    for (const ref of expressionFieldRefs(f.expression)) {
      const dep = byKey.get(ref);
      if (dep) visit(dep);
    }
    state.set(f.key, 'done');
    ordered.push(f);
  };
  formulas.forEach(visit);
  return ordered;
}

function coerce(value: unknown, type: FormulaField['resultType']): unknown {
  if (value === undefined || value === null) return null;
  switch (type) {
    case 'number':
    case 'currency':
    case 'percent': {
      const n = typeof value === 'number' ? value : Number(value);
      return Number.isFinite(n) ? n : null;
    }
    case 'boolean':
      return Boolean(value);
    case 'text':
      return typeof value === 'string' ? value : JSON.stringify(value);
    default:
      return String(value);
  }
}

/**
 * Evaluates every formula over the record and returns the computed values.
 * Each result sees the formulas computed before it.
 */
export async function computeFormulas(
  object: ObjectDefinition,
  formulas: FormulaField[],
  record: Record<string, unknown>,
  cache: ExpressionCache,
): Promise<Record<string, unknown>> {
  const working = expressionInput(record);
  const out: Record<string, unknown> = {};
  for (const f of formulas) {
    const index = object.fields.indexOf(f);
    const expr = cache.get({ document: `object:${object.key}`, path: `/fields/${index}/expression`, expression: f.expression });
    const value = coerce(await expr.evaluate(working), f.resultType);
    if (value !== null) working[f.key] = value;
    out[f.key] = value;
  }
  return out;
}
