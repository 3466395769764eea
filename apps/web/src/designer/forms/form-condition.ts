import type { Condition, Label } from '@tessera/metadata';

/** The message an expression condition must carry; a form never shows it (hidden is hidden). */
export const CONDITION_MESSAGE: Label = { 'zh-CN': '条件不满足', en: 'Condition not met' };

/** The condition the expression editor writes; an empty text removes the condition. */
export function expressionCondition(text: string, previous?: Condition): Condition | undefined {
  if (!text.trim()) return undefined;
  const message = previous && 'message' in previous && previous.message ? previous.message : CONDITION_MESSAGE;
  return { kind: 'expression', expression: text, message };
}

const OPS: Partial<Record<string, string>> = { eq: '=', ne: '!=', lt: '<', lte: '<=', gt: '>', gte: '>=' };

/** A name as JSONata reads it (back-quoted when it is not a plain identifier). */
const name = (key: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : `\`${key}\``);

/**
 * The JSONata text of a condition, for editing a declarative one as an expression;
 * undefined for kinds that read facts (attachments, approvals, related records, checklist).
 */
export function conditionText(condition: Condition): string | undefined {
  switch (condition.kind) {
    case 'expression':
      return condition.expression;
    case 'filled':
      return `$exists(${name(condition.field)})`;
    case 'compare': {
      const field = name(condition.field);
      const value = JSON.stringify(condition.value ?? null);
      if (OPS[condition.op]) return `${field} ${OPS[condition.op]} ${value}`;
      if (condition.op === 'in') return `${field} in ${value}`;
      if (condition.op === 'nin') return `$not(${field} in ${value})`;
      if (condition.op === 'contains') return `${value} in ${field}`;
      if (condition.op === 'isEmpty') return `$not($exists(${field}))`;
      if (condition.op === 'notEmpty') return `$exists(${field})`;
      return undefined;
    }
    case 'all':
    case 'any': {
      const parts = condition.conditions.map(conditionText);
      if (parts.some((p) => p === undefined)) return undefined;
      return parts.map((p) => `(${p})`).join(condition.kind === 'all' ? ' and ' : ' or ');
    }
    default:
      return undefined;
  }
}
