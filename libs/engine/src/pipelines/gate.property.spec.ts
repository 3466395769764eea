import fc from 'fast-check';
import type { Condition } from '@tessera/metadata';
import { facts, withExit } from '../../test/pipeline.fixture';
import { evaluateConditions } from './gate.evaluate';
import type { GateFacts } from './gate-facts';

/** Declarative conditions over a small world of fields and facts. */
const condition: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({ kind: fc.constant('filled' as const), field: fc.constantFrom('title', 'phone', 'tags') }),
  fc.record({ kind: fc.constant('compare' as const), field: fc.constant('amount'), op: fc.constantFrom('gt' as const, 'lte' as const, 'ne' as const), value: fc.integer({ min: 0, max: 10 }) }),
  fc.record({ kind: fc.constant('checklist' as const), item: fc.constantFrom('survey_done', 'tech_meeting') }),
  fc.record({ kind: fc.constant('approval' as const), flow: fc.constantFrom('discount', 'price') }),
  fc.record({ kind: fc.constant('attachment' as const), category: fc.constantFrom('survey', 'tech_ok'), min: fc.integer({ min: 1, max: 3 }) }),
);

const world = fc.record({
  record: fc.record({ title: fc.constantFrom('', 'x', null), phone: fc.constantFrom(undefined, '123'), tags: fc.constantFrom([], ['key']), amount: fc.option(fc.integer({ min: 0, max: 10 })) }),
  facts: fc.record({
    checklist: fc.dictionary(fc.constantFrom('survey_done', 'tech_meeting'), fc.record({ done: fc.boolean() })),
    approvals: fc.dictionary(fc.constantFrom('discount', 'price'), fc.constantFrom('approved', 'pending', 'rejected')),
    attachments: fc.record({ files: fc.dictionary(fc.constantFrom('survey', 'tech_ok'), fc.nat({ max: 3 })) }),
  }),
});

describe('gate evaluation (property)', () => {
  it('the unmet list of a stage is exactly the unmet conditions taken one at a time, in order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(condition, { maxLength: 10 }), world, async (conditions, w) => {
        const input = { record: w.record, facts: facts(w.facts as Partial<GateFacts>) };
        const whole = await evaluateConditions(withExit(...conditions).stages[0].exit, input);
        const single = await Promise.all(conditions.map(async (c) => (await evaluateConditions(withExit(c).stages[0].exit, input)).map((u) => u.kind)));
        expect(whole.map((u) => u.kind)).toEqual(single.flat());
        expect(whole.map((u) => u.path)).toEqual(conditions.flatMap((_, i) => (single[i].length ? [`/stages/0/exit/${i}`] : [])));
      }),
      { numRuns: 200 },
    );
  });

  it('wrapping a stage in `all` blocks exactly when the flat list does, and `any` allows when any one allows', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(condition, { minLength: 1, maxLength: 6 }), world, async (conditions, w) => {
        const input = { record: w.record, facts: facts(w.facts as Partial<GateFacts>) };
        const flat = await evaluateConditions(withExit(...conditions).stages[0].exit, input);
        const all = await evaluateConditions(withExit({ kind: 'all', conditions }).stages[0].exit, input);
        const any = await evaluateConditions(withExit({ kind: 'any', conditions }).stages[0].exit, input);
        const each = await Promise.all(conditions.map((c) => evaluateConditions(withExit(c).stages[0].exit, input)));
        expect(all.length === 0).toBe(flat.length === 0);
        expect(any.length === 0).toBe(each.some((u) => u.length === 0));
      }),
      { numRuns: 200 },
    );
  });
});
