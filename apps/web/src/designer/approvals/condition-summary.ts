import type { Condition, Label, ObjectDefinition } from '@tessera/metadata';
import { fieldsOf } from '../pipelines/designer-fields';

const SYMBOLS: Record<string, string> = { eq: '=', ne: '≠', lt: '<', lte: '≤', gt: '>', gte: '≥', in: '∈', nin: '∉', contains: '∋' };

/** A condition in one line for the flow drawing ("金额 ≥ 50000"); the editor shows the rest. */
export function conditionSummary(c: Condition, object: ObjectDefinition | undefined, label: (l: Label | undefined) => string, kindName: (kind: string) => string): string {
  const name = (key: string) => label(fieldsOf(object).find((f) => f.key === key)?.label) || key;
  switch (c.kind) {
    case 'compare':
      if (c.op === 'isEmpty' || c.op === 'notEmpty') return `${name(c.field)} ${kindName(c.op)}`;
      return `${name(c.field)} ${SYMBOLS[c.op] ?? c.op} ${Array.isArray(c.value) ? c.value.join(', ') : String(c.value)}`;
    case 'filled':
      return `${kindName('filled')}: ${name(c.field)}`;
    case 'expression':
      return c.expression;
    case 'all':
    case 'any':
      return c.conditions.map((x) => conditionSummary(x, object, label, kindName)).join(c.kind === 'all' ? ' ∧ ' : ' ∨ ');
    default:
      return c.message ? label(c.message) : kindName(c.kind);
  }
}
