import { ExpressionCache } from '../expressions/expression.compile';
import { quoteObject } from '../../test/quote.fixture';
import { compileObject } from './object.compile';
import { validateRecord } from './record.validate';

const compiled = compileObject(quoteObject, new ExpressionCache());
const create = (input: Record<string, unknown>) => validateRecord(compiled, { mode: 'create', input });

describe('validateRecord', () => {
  it('accepts a valid create, applies defaults and computes formulas in dependency order', async () => {
    const r = await create({ title: 'Pump', amount: 1000, cost: 500 });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.changes).toMatchObject({ title: 'Pump', amount: 1000, cost: 500, tax_rate: 13, amount_with_tax: 1130, margin: 630 });
  });

  it.each([
    [{ amount: 10 }, '/title', 'field.required'],
    [{ title: 'x'.repeat(21), amount: 10 }, '/title', 'field.maxLength'],
    [{ title: 'a', amount: -1 }, '/amount', 'field.minimum'],
    [{ title: 'a', amount: 'ten' }, '/amount', 'field.type'],
    [{ title: 'a', amount: 1, status: 'won' }, '/status', 'field.enum'],
    [{ title: 'a', amount: 1, tags: ['urgent', 'urgent'] }, '/tags', 'field.uniqueItems'],
    [{ title: 'a', amount: 1, valid_until: '2026-13-01' }, '/valid_until', 'field.format'],
    [{ title: 'a', amount: 1, customer: 'not-a-uuid' }, '/customer', 'field.format'],
    [{ title: 'a', amount: 1, where: { lat: 100, lng: 0 } }, '/where/lat', 'field.maximum'],
    [{ title: 'a', amount: 1, contact_email: 'nope' }, '/contact_email', 'field.format'],
    [{ title: 'a', amount: 1, margin: 5 }, '/margin', 'field.read_only'],
    [{ title: 'a', amount: 1, number: 'Q-1' }, '/number', 'field.read_only'],
    [{ title: 'a', amount: 1, old_note: 'x' }, '/old_note', 'field.not_writable'],
    [{ title: 'a', amount: 1, 'x"; drop table quote; --': 1 }, '/x"; drop table quote; --', 'field.not_writable'],
    [{ title: 'a', amount: 1, cost: -5 }, '/cost', 'rule.cost_not_negative'],
  ])('rejects %j at %s with %s', async (input, path, code) => {
    const r = await create(input);
    expect(r.errors).toContainEqual(expect.objectContaining({ path, code }));
  });

  it('reports every schema error at once', async () => {
    const r = await create({ amount: 'x', status: 'nope' });
    expect(r.errors.map((e) => e.path).sort()).toEqual(['/amount', '/status', '/title']);
  });

  it('turns a failing warning rule into a warning, not an error', async () => {
    const r = await create({ title: 'Cheap', amount: 100, cost: 500 });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([expect.objectContaining({ path: '/amount', code: 'rule.below_cost', message: '报价低于成本' })]);
  });

  it('localizes rule messages', async () => {
    const r = await validateRecord(compiled, { mode: 'create', input: { title: 'Cheap', amount: 100, cost: 500 }, locale: 'en' });
    expect(r.warnings[0].message).toBe('Quote below cost');
  });

  it('on update checks only what is sent, sees $old, and recomputes formulas over the merged record', async () => {
    const previous = { title: 'Pump', amount: 1000, cost: 500, tax_rate: 13, status: 'sent' };
    const ok = await validateRecord(compiled, { mode: 'update', input: { tax_rate: 0 }, previous });
    expect(ok.errors).toEqual([]);
    expect(ok.changes).toMatchObject({ tax_rate: 0, amount_with_tax: 1000, margin: 500 });
    const back = await validateRecord(compiled, { mode: 'update', input: { status: 'draft' }, previous });
    expect(back.errors).toContainEqual(expect.objectContaining({ path: '/status', code: 'rule.no_status_regress' }));
  });

  it('refuses clearing a required field with null but allows clearing an optional one', async () => {
    const previous = { title: 'Pump', amount: 1000 };
    const cleared = await validateRecord(compiled, { mode: 'update', input: { title: null, cost: null }, previous });
    expect(cleared.errors).toEqual([expect.objectContaining({ path: '/title', code: 'field.required' })]);
    const optional = await validateRecord(compiled, { mode: 'update', input: { cost: null }, previous });
    expect(optional.errors).toEqual([]);
    expect(optional.changes.cost).toBeNull();
  });
});
