import type { FormDefinition } from '@tessera/metadata';
import { opportunity } from '../../test/pipeline.fixture';
import { ExpressionCache } from '../expressions/expression.compile';
import { compileFormState, type FormState } from './form-state.evaluate';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** A visit-like layout: an east-only tab, a section shown above an amount, per-item conditions. */
const form: FormDefinition = {
  kind: 'form',
  key: 'opportunity_main',
  object: 'opportunity',
  label: l('商机', 'Opportunity'),
  tabs: [
    {
      key: 'main',
      label: l('基本', 'Main'),
      sections: [
        {
          key: 'basics',
          items: [
            { kind: 'field', field: 'title', readOnlyWhen: { kind: 'compare', field: 'stage', op: 'eq', value: 'won' } },
            { kind: 'field', field: 'phone', visibleWhen: { kind: 'compare', field: 'region', op: 'eq', value: 'east' }, requiredWhen: { kind: 'filled', field: 'amount' } },
            { kind: 'note', text: l('说明', 'Note'), visibleWhen: { kind: 'expression', expression: 'amount > 1000', message: l('', '') } },
          ],
        },
        { key: 'big', visibleWhen: { kind: 'compare', field: 'amount', op: 'gte', value: 100000 }, items: [{ kind: 'field', field: 'close_date', requiredWhen: { kind: 'filled', field: 'amount' } }] },
      ],
    },
    { key: 'east', label: l('华东', 'East'), visibleWhen: { kind: 'compare', field: 'region', op: 'eq', value: 'east' }, sections: [{ key: 'tags', items: [{ kind: 'field', field: 'tags' }] }] },
  ],
};

const sorted = (s: ReadonlySet<string>) => [...s].sort();
const view = (s: FormState) => ({ hidden: sorted(s.hidden), hiddenFields: sorted(s.hiddenFields), readOnly: sorted(s.readOnly), required: sorted(s.required) });

describe('compileFormState', () => {
  const compiled = compileFormState(form, { object: opportunity, expressions: new ExpressionCache() });

  it.each([
    {
      name: 'an empty record hides what depends on values',
      record: {},
      expect: { hidden: ['/tabs/0/sections/0/items/1', '/tabs/0/sections/0/items/2', '/tabs/0/sections/1', '/tabs/1'], hiddenFields: ['close_date', 'phone', 'tags'], readOnly: [], required: [] },
    },
    {
      name: 'east with a large amount shows everything and requires the shown fields',
      record: { region: 'east', amount: 200000 },
      expect: { hidden: [], hiddenFields: [], readOnly: [], required: ['close_date', 'phone'] },
    },
    {
      name: 'a hidden field is never required',
      record: { region: 'west', amount: 5000 },
      expect: { hidden: ['/tabs/0/sections/0/items/1', '/tabs/0/sections/1', '/tabs/1'], hiddenFields: ['close_date', 'phone', 'tags'], readOnly: [], required: [] },
    },
    {
      name: 'read-only while won',
      record: { stage: 'won', amount: 10 },
      expect: { hidden: ['/tabs/0/sections/0/items/1', '/tabs/0/sections/0/items/2', '/tabs/0/sections/1', '/tabs/1'], hiddenFields: ['close_date', 'phone', 'tags'], readOnly: ['title'], required: [] },
    },
  ])('$name', async ({ record, expect: expected }) => {
    expect(view(await compiled.evaluate(record))).toEqual(expected);
  });

  it('answers synchronously when no expression is involved', () => {
    const declarative = compileFormState({ ...form, tabs: [form.tabs[1]] }, { object: opportunity, expressions: new ExpressionCache() });
    const state = declarative.evaluate({ region: 'east' });
    expect(state).not.toBeInstanceOf(Promise);
    expect(view(state as FormState).hidden).toEqual([]);
  });

  it('treats an expression that fails as not holding (hidden, not required)', async () => {
    const broken = compileFormState(
      { ...form, tabs: [{ key: 't', label: l('t', 't'), sections: [{ key: 's', items: [{ kind: 'field', field: 'title', visibleWhen: { kind: 'expression', expression: '$error("boom")', message: l('', '') } }] }] }] },
      { object: opportunity, expressions: new ExpressionCache() },
    );
    expect(view(await broken.evaluate({ title: 'x' })).hiddenFields).toEqual(['title']);
  });
});
