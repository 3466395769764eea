import type { AutomationDefinition, Condition, ObjectDefinition } from '@tessera/metadata';
import { ExpressionCache } from '../expressions/expression.compile';
import { EMPTY_FACTS } from '../pipelines/gate-facts';
import type { AutomationEvent } from './automation-event';
import { compileAutomation, evaluateCondition } from './automation.compile';

const l = (s: string) => ({ 'zh-CN': s, en: s });
const account: ObjectDefinition = {
  kind: 'object',
  key: 'account',
  label: l('Account'),
  fields: [
    { key: 'name', type: 'text', label: l('Name') },
    { key: 'overdue_days', type: 'number', label: l('Overdue days') },
    { key: 'grade', type: 'select', label: l('Grade'), options: ['star', 'stable', 'potential', 'risk'].map((v) => ({ value: v, label: l(v) })) },
  ],
};
const event: AutomationEvent = { id: 'e', type: 'record.updated', object: 'account', recordId: 'r', payload: { changed: ['overdue_days'], previous: { overdue_days: 10 } } };

function compiled(when: Condition, cache = new ExpressionCache()) {
  const automation: AutomationDefinition = { kind: 'automation', key: 'a', object: 'account', label: l('A'), trigger: { on: 'updated' }, when, actions: [{ kind: 'setField', values: { grade: { value: 'risk' } } }] };
  return compileAutomation(automation, { object: account, expressions: cache });
}
const input = (record: Record<string, unknown>) => ({ record, facts: EMPTY_FACTS, previous: event.payload.previous as Record<string, unknown>, event });

describe('automation conditions', () => {
  it('sees the previous values through $previous', async () => {
    const c = compiled({ kind: 'expression', expression: 'overdue_days >= 30 and $previous.overdue_days < 30', message: l('crossed 30') });
    await expect(evaluateCondition(c.when, input({ overdue_days: 31 }))).resolves.toEqual({ met: true });
    await expect(evaluateCondition(c.when, { ...input({ overdue_days: 45 }), previous: { overdue_days: 40 } })).resolves.toEqual({ met: false });
  });

  it('sees the event through $event', async () => {
    const c = compiled({ kind: 'expression', expression: "$event.type = 'record.updated'", message: l('updated') });
    await expect(evaluateCondition(c.when, input({}))).resolves.toEqual({ met: true });
  });

  it('reaches $previous inside all / any', async () => {
    const c = compiled({ kind: 'all', conditions: [{ kind: 'compare', field: 'overdue_days', op: 'gte', value: 30 }, { kind: 'expression', expression: '$previous.overdue_days < 30', message: l('x') }] });
    await expect(evaluateCondition(c.when, input({ overdue_days: 30 }))).resolves.toEqual({ met: true });
  });

  it('reports a runaway expression as failed with its path, not as true or false', async () => {
    const cache = new ExpressionCache({ timeout: 30, stack: 200, sequence: 100_000_000 });
    const c = compiled({ kind: 'expression', expression: '$count([1..5000000].($string($))) > 0', message: l('slow') }, cache);
    const verdict = await evaluateCondition(c.when, input({}));
    expect(verdict).toMatchObject({ met: false, error: { code: expect.stringMatching(/^expression\.(timeout|evaluate)$/), path: '/when' } });
  });
});
