import type { Condition } from '@tessera/metadata';
import { compileExpression, expressionInput } from '@tessera/engine';
import { CONDITION_MESSAGE, conditionText, expressionCondition } from './form-condition';

describe('expressionCondition', () => {
  it('writes an expression condition with the message the schema requires', () => {
    expect(expressionCondition('amount > 100')).toEqual({ kind: 'expression', expression: 'amount > 100', message: CONDITION_MESSAGE });
  });

  it('keeps a message the condition had', () => {
    const message = { 'zh-CN': '大单', en: 'Large deals' };
    expect(expressionCondition('amount > 5', { kind: 'expression', expression: 'x', message })).toMatchObject({ message });
  });

  it('removes the condition for an empty text', () => {
    expect(expressionCondition('  ')).toBeUndefined();
  });
});

describe('conditionText', () => {
  it('writes declarative conditions as JSONata', () => {
    expect(conditionText({ kind: 'compare', field: 'activity_type', op: 'eq', value: 'visit' })).toBe('activity_type = "visit"');
    expect(conditionText({ kind: 'compare', field: 'amount', op: 'gte', value: 1000 })).toBe('amount >= 1000');
    expect(conditionText({ kind: 'compare', field: 'stage', op: 'in', value: ['a', 'b'] })).toBe('stage in ["a","b"]');
    expect(conditionText({ kind: 'filled', field: 'competitor' })).toBe('$exists(competitor)');
    const both: Condition = { kind: 'all', conditions: [{ kind: 'filled', field: 'a' }, { kind: 'compare', field: 'b', op: 'isEmpty' }] };
    expect(conditionText(both)).toBe('($exists(a)) and ($not($exists(b)))');
  });

  it('has no text for conditions over facts', () => {
    expect(conditionText({ kind: 'attachment', category: 'survey' })).toBeUndefined();
    expect(conditionText({ kind: 'any', conditions: [{ kind: 'approval', flow: 'f' }] })).toBeUndefined();
  });
});

describe('conditionText evaluated by the engine', () => {
  const holds = async (condition: Condition, record: Record<string, unknown>) =>
    compileExpression({ document: 'test', path: '', expression: conditionText(condition)! }).evaluate(expressionInput(record));

  it('means what the declarative condition means', async () => {
    const inList: Condition = { kind: 'compare', field: 'stage', op: 'in', value: ['a', 'b'] };
    await expect(holds(inList, { stage: 'a' })).resolves.toBe(true);
    await expect(holds(inList, { stage: 'c' })).resolves.toBe(false);
    const notIn: Condition = { kind: 'compare', field: 'stage', op: 'nin', value: ['a'] };
    await expect(holds(notIn, { stage: 'c' })).resolves.toBe(true);
    const contains: Condition = { kind: 'compare', field: 'tags', op: 'contains', value: 'x' };
    await expect(holds(contains, { tags: ['y', 'x'] })).resolves.toBe(true);
    const empty: Condition = { kind: 'compare', field: 'notes', op: 'isEmpty' };
    await expect(holds(empty, { notes: null })).resolves.toBe(true);
    await expect(holds(empty, { notes: 'n' })).resolves.toBe(false);
  });
});
