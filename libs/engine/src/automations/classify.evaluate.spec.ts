import type { AutomationDefinition, ClassifyAction, ObjectDefinition } from '@tessera/metadata';
import { ExpressionCache } from '../expressions/expression.compile';
import { EMPTY_FACTS } from '../pipelines/gate-facts';
import { compileAutomation } from './automation.compile';
import { classifyRecord } from './classify.evaluate';

const l = (s: string) => ({ 'zh-CN': s, en: s });
const customer: ObjectDefinition = {
  kind: 'object',
  key: 'customer',
  label: l('Customer'),
  fields: [
    { key: 'revenue', type: 'currency', label: l('Revenue') },
    { key: 'overdue_days', type: 'number', label: l('Overdue') },
    { key: 'idle_days', type: 'number', label: l('Idle') },
    { key: 'grade', type: 'select', label: l('Grade'), options: ['明星', '稳定', '潜力', '风险'].map((v) => ({ value: v, label: l(v) })) },
  ],
};
// Option values are keys in the schema; the pack maps them to 明星 / 稳定 / 潜力 / 风险 labels.
const action: ClassifyAction = {
  kind: 'classify',
  field: 'grade',
  rules: [
    { when: { kind: 'all', conditions: [{ kind: 'compare', field: 'overdue_days', op: 'gte', value: 30 }, { kind: 'compare', field: 'idle_days', op: 'gte', value: 60 }] }, value: 'risk' },
    { when: { kind: 'compare', field: 'revenue', op: 'gte', value: '10000000' }, value: 'star' },
    { when: { kind: 'compare', field: 'revenue', op: 'gte', value: '1000000' }, value: 'stable' },
  ],
  otherwise: 'potential',
};

const automation: AutomationDefinition = { kind: 'automation', key: 'grade', object: 'customer', label: l('Grade'), trigger: { on: 'schedule', cron: '0 2 * * *' }, actions: [action] };
const compiled = compileAutomation(automation, { object: customer, expressions: new ExpressionCache() });
const rules = compiled.classify.get(0)!;
const event = { id: 'e', type: 'automation.due', object: 'customer', recordId: 'r', payload: {} };

describe('classifyRecord', () => {
  it.each<[string, Record<string, unknown>, string | undefined]>([
    ['risk wins over revenue when overdue and idle', { revenue: '50000000', overdue_days: 31, idle_days: 61 }, 'risk'],
    ['star by revenue', { revenue: '50000000', overdue_days: 31, idle_days: 10 }, 'star'],
    ['stable by revenue', { revenue: '2000000.00', overdue_days: 0, idle_days: 0 }, 'stable'],
    ['potential otherwise', { revenue: '10', overdue_days: 0, idle_days: 0 }, 'potential'],
    ['potential when nothing is known', {}, 'potential'],
  ])('%s', async (_name, record, expected) => {
    await expect(classifyRecord(action, rules, { record, facts: EMPTY_FACTS, previous: {}, event })).resolves.toEqual({ value: expected });
  });

  it('leaves the field alone without otherwise', async () => {
    await expect(classifyRecord({ ...action, otherwise: undefined }, rules, { record: {}, facts: EMPTY_FACTS, previous: {}, event })).resolves.toEqual({ value: undefined });
  });
});
