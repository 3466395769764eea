import type { Condition, RelatedCondition } from '@tessera/metadata';
import { compile, facts, salesPipeline, withExit } from '../../test/pipeline.fixture';
import { ExpressionCache } from '../expressions/expression.compile';
import { evaluateConditions, evaluateGate } from './gate.evaluate';
import { relatedFactKey, type GateFacts } from './gate-facts';

type Case = {
  name: string;
  condition: Condition;
  blocked: { record?: Record<string, unknown>; facts?: Partial<GateFacts> };
  allowed: { record?: Record<string, unknown>; facts?: Partial<GateFacts> };
  reports: Record<string, unknown>;
};

const visitsWithPhotos: RelatedCondition = { kind: 'related', object: 'visit', via: 'opportunity', min: 2, where: [{ kind: 'compare', field: 'photos', op: 'gte', value: 1 }] };

const CASES: Case[] = [
  { name: 'filled', condition: { kind: 'filled', field: 'title' }, blocked: { record: { title: '' } }, allowed: { record: { title: 'Pump line' } }, reports: { field: 'title', message: { 'zh-CN': '请填写「标题」', en: 'Fill in Title' } } },
  {
    name: 'compare',
    condition: { kind: 'compare', field: 'amount', op: 'gte', value: '100000.00' },
    blocked: { record: { amount: 99999.99 } },
    allowed: { record: { amount: 100000 } },
    reports: { field: 'amount', message: { 'zh-CN': '「金额」须不小于 100000.00', en: 'Amount must be at least 100000.00' } },
  },
  {
    name: 'attachment (min count, named field)',
    condition: { kind: 'attachment', field: 'files', category: 'survey', min: 2 },
    blocked: { facts: { attachments: { files: { survey: 1, tech_ok: 5 } } } },
    allowed: { facts: { attachments: { files: { survey: 2 } } } },
    reports: { field: 'files', category: 'survey', message: { 'zh-CN': '请上传「需求调研表」（至少 2 个）', en: 'Upload Requirement survey (at least 2)' } },
  },
  {
    name: 'attachment (any field)',
    condition: { kind: 'attachment', category: 'tech_ok' },
    blocked: { facts: { attachments: { files: { survey: 3 } } } },
    allowed: { facts: { attachments: { other_files: { tech_ok: 1 } } } },
    reports: { category: 'tech_ok', message: { 'zh-CN': '请上传「技术确认」', en: 'Upload Technical confirmation' } },
  },
  {
    name: 'approval',
    condition: { kind: 'approval', flow: 'discount' },
    blocked: { facts: { approvals: { discount: 'pending' } } },
    allowed: { facts: { approvals: { discount: 'approved' } } },
    reports: { flow: 'discount', message: { 'zh-CN': '「折扣审批」审批尚未通过', en: 'Discount approval is not approved yet' } },
  },
  {
    name: 'checklist',
    condition: { kind: 'checklist', item: 'tech_meeting' },
    blocked: { facts: { checklist: { tech_meeting: { done: false } } } },
    allowed: { facts: { checklist: { tech_meeting: { done: true, by: 'u1', at: '2026-01-01T00:00:00Z' } } } },
    reports: { item: 'tech_meeting', message: { 'zh-CN': '请完成「召开技术会议」', en: 'Complete: Hold the technical meeting' } },
  },
  {
    name: 'related (filtered count)',
    condition: visitsWithPhotos,
    blocked: { facts: { related: { [relatedFactKey(visitsWithPhotos)]: 1, 'visit.opportunity': 9 } } },
    allowed: { facts: { related: { [relatedFactKey(visitsWithPhotos)]: 2 } } },
    reports: { object: 'visit', message: { 'zh-CN': '至少需要 2 条「拜访」', en: 'At least 2 Visit needed' } },
  },
  {
    name: 'expression',
    condition: { kind: 'expression', expression: 'amount > 0 and $facts.checklist.survey_done.done', message: { 'zh-CN': '须完成调研', en: 'Survey first' } },
    blocked: { record: { amount: 5 } },
    allowed: { record: { amount: 5 }, facts: { checklist: { survey_done: { done: true } } } },
    reports: { message: { 'zh-CN': '须完成调研', en: 'Survey first' } },
  },
];

describe('evaluateGate: each condition kind blocks, then allows', () => {
  it.each(CASES)('$name', async ({ condition, blocked, allowed, reports }) => {
    const compiled = withExit(condition);
    const no = await evaluateGate(compiled, 'qualify', 'confirm', { record: blocked.record ?? {}, facts: facts(blocked.facts) });
    expect(no).toEqual({ allowed: false, unmet: [{ kind: condition.kind, stage: 'qualify', path: '/stages/0/exit/0', ...reports }] });
    const yes = await evaluateGate(compiled, 'qualify', 'confirm', { record: allowed.record ?? {}, facts: facts(allowed.facts) });
    expect(yes).toEqual({ allowed: true });
  });

  it('uses the message written in the metadata over the derived one', async () => {
    const message = { 'zh-CN': '先填标题', en: 'Title first' };
    const r = await evaluateGate(withExit({ kind: 'filled', field: 'title', message }), 'qualify', 'confirm', { record: {}, facts: facts() });
    expect(r).toMatchObject({ unmet: [{ message }] });
  });
});

describe('evaluateGate: the whole list at once', () => {
  const compiled = compile(
    salesPipeline({
      qualify: { exit: [{ kind: 'filled', field: 'title' }, { kind: 'checklist', item: 'survey_done' }, { kind: 'compare', field: 'amount', op: 'gt', value: 0 }] },
      confirm: { entry: [{ kind: 'expression', expression: 'region = "east"', message: { 'zh-CN': '仅限华东', en: 'East only' } }, { kind: 'attachment', field: 'files', category: 'survey' }] },
    }),
  );

  it('reports every unmet exit condition of the current stage and entry condition of the target, in document order', async () => {
    const r = await evaluateGate(compiled, 'qualify', 'confirm', { record: { amount: 10 }, facts: facts() });
    expect(r.allowed).toBe(false);
    if (r.allowed) return;
    expect(r.unmet.map((u) => u.path)).toEqual(['/stages/0/exit/0', '/stages/0/exit/1', '/stages/1/entry/0', '/stages/1/entry/1']);
    expect(r.unmet.map((u) => u.stage)).toEqual(['qualify', 'qualify', 'confirm', 'confirm']);
  });

  it('moving back or to lost checks only the entry conditions of the target', async () => {
    const back = compile(salesPipeline({ confirm: { exit: [{ kind: 'filled', field: 'title' }] }, qualify: { entry: [{ kind: 'filled', field: 'phone' }] } }));
    const r = await evaluateGate(back, 'confirm', 'qualify', { record: {}, facts: facts() });
    expect(r).toMatchObject({ allowed: false, unmet: [{ path: '/stages/0/entry/0' }] });
    const lost = compile(salesPipeline({ confirm: { exit: [{ kind: 'filled', field: 'title' }] } }));
    await expect(evaluateGate(lost, 'confirm', 'lost', { record: {}, facts: facts() })).resolves.toEqual({ allowed: true });
    await expect(evaluateGate(lost, 'confirm', 'won', { record: {}, facts: facts() })).resolves.toMatchObject({ allowed: false, unmet: [{ path: '/stages/1/exit/0' }] });
  });
});

describe('nested conditions', () => {
  const title = { kind: 'filled', field: 'title' } as const;
  const phone = { kind: 'filled', field: 'phone' } as const;
  const east = { kind: 'expression', expression: 'region = "east"', message: { 'zh-CN': '华东', en: 'East' } } as const;

  it('all without a message reports its unmet parts one by one; with one, as a single entry', async () => {
    const flat = await evaluateGate(withExit({ kind: 'all', conditions: [title, phone] }), 'qualify', 'confirm', { record: {}, facts: facts() });
    expect(flat).toMatchObject({ unmet: [{ path: '/stages/0/exit/0/conditions/0', field: 'title' }, { path: '/stages/0/exit/0/conditions/1', field: 'phone' }] });
    const message = { 'zh-CN': '联系信息', en: 'Contact details' };
    const one = await evaluateGate(withExit({ kind: 'all', conditions: [title, phone], message }), 'qualify', 'confirm', { record: { title: 'x' }, facts: facts() });
    expect(one).toEqual({ allowed: false, unmet: [{ kind: 'all', stage: 'qualify', path: '/stages/0/exit/0', message }] });
  });

  it('any holds when one alternative holds (sync or async) and otherwise lists the alternatives', async () => {
    const gate = withExit({ kind: 'any', conditions: [title, east] });
    await expect(evaluateGate(gate, 'qualify', 'confirm', { record: { title: 'x' }, facts: facts() })).resolves.toEqual({ allowed: true });
    await expect(evaluateGate(gate, 'qualify', 'confirm', { record: { region: 'east' }, facts: facts() })).resolves.toEqual({ allowed: true });
    const r = await evaluateGate(gate, 'qualify', 'confirm', { record: { region: 'west' }, facts: facts() });
    expect(r).toEqual({ allowed: false, unmet: [{ kind: 'any', stage: 'qualify', path: '/stages/0/exit/0', message: { 'zh-CN': '须满足其一：请填写「标题」；华东', en: 'One of: Fill in Title; East' } }] });
  });
});

describe('expression conditions', () => {
  it('only true meets it: false, no value and non-booleans do not', async () => {
    const gate = withExit({ kind: 'expression', expression: 'amount', message: { 'zh-CN': 'x', en: 'x' } });
    for (const amount of [undefined, 0, 5, 'true']) {
      const r = await evaluateGate(gate, 'qualify', 'confirm', { record: { amount }, facts: facts() });
      expect(r.allowed).toBe(false);
    }
    const truthy = withExit({ kind: 'expression', expression: 'amount = 5', message: { 'zh-CN': 'x', en: 'x' } });
    await expect(evaluateGate(truthy, 'qualify', 'confirm', { record: { amount: 5 }, facts: facts() })).resolves.toEqual({ allowed: true });
  });

  it('sees $stage and $facts', async () => {
    const gate = withExit({ kind: 'expression', expression: '$stage = "qualify" and $facts.approvals.discount = "approved"', message: { 'zh-CN': 'x', en: 'x' } });
    await expect(evaluateGate(gate, 'qualify', 'confirm', { record: {}, facts: facts({ approvals: { discount: 'approved' } }) })).resolves.toEqual({ allowed: true });
  });

  it('a runaway expression fails the gate closed, naming the document and path', async () => {
    const expressions = new ExpressionCache({ timeout: 30, stack: 50, sequence: 10_000_000 });
    const gate = compile(salesPipeline({ qualify: { exit: [{ kind: 'expression', expression: '$count([1..5000000].($string($)))', message: { 'zh-CN': 'x', en: 'x' } }] } }), expressions);
    const r = await evaluateGate(gate, 'qualify', 'confirm', { record: {}, facts: facts() });
    expect(r).toMatchObject({ allowed: false, unmet: [{ path: '/stages/0/exit/0', error: { code: expect.stringMatching(/^expression\./), message: expect.stringContaining('pipeline:sales/stages/0/exit/0/expression') } }] });
  });

  it('is compiled once per version through the ExpressionCache', () => {
    const expressions = new ExpressionCache();
    const pipeline = salesPipeline({ qualify: { exit: [{ kind: 'expression', expression: 'amount > 1', message: { 'zh-CN': 'x', en: 'x' } }] } });
    compile(pipeline, expressions);
    compile(pipeline, expressions);
    expect(expressions.size).toBe(1);
  });

  it('a parse error surfaces at compile time', () => {
    expect(() => withExit({ kind: 'expression', expression: 'amount > > 1', message: { 'zh-CN': 'x', en: 'x' } })).toThrow(/pipeline:sales\/stages\/0\/exit\/0\/expression/);
  });
});

describe('fact needs', () => {
  it('a gate asks only for the facts its conditions read; related counts are deduplicated', async () => {
    const gate = compile(
      salesPipeline({
        qualify: { exit: [{ kind: 'filled', field: 'title' }, { kind: 'related', object: 'visit', via: 'opportunity' }] },
        confirm: { entry: [{ kind: 'related', object: 'visit', via: 'opportunity', min: 3 }, { kind: 'checklist', item: 'survey_done' }] },
      }),
    );
    const [qualify, confirm] = gate.stages;
    expect(qualify.exitNeeds).toEqual({ attachments: false, approvals: false, checklist: false, related: [{ key: 'visit.opportunity', object: 'visit', via: 'opportunity', where: [] }] });
    expect(gate.needs.related).toHaveLength(1);
    expect(confirm.entryNeeds.checklist).toBe(true);
    expect(gate.needs).toMatchObject({ attachments: false, approvals: false, checklist: true });
  });

  it('evaluateConditions of an empty list is empty', async () => {
    await expect(evaluateConditions([], { record: {}, facts: facts() })).resolves.toEqual([]);
  });
});
