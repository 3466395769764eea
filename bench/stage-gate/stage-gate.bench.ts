/**
 * bench/stage-gate: evaluating one stage gate of 10 conditions with the engine's
 * compiled gate (declarative kinds as plain predicates) against the same 10
 * conditions written as JSONata expressions (kind `expression`, the same gate code,
 * the same ExpressionCache and limits), same record and facts, one run.
 *
 *   npm run bench:stage-gate
 *   BENCH_ITERATIONS=50000 npm run bench:stage-gate
 */
import { performance } from 'node:perf_hooks';
import { compilePipeline, evaluateGate, ExpressionCache, relatedFactKey, type CompiledPipeline, type GateFacts, type GateInput } from '@tessera/engine';
import type { Condition, ObjectDefinition, PipelineDefinition } from '@tessera/metadata';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 20_000);
const l = (s: string) => ({ 'zh-CN': s, en: s });

const object: ObjectDefinition = {
  kind: 'object',
  key: 'opportunity',
  label: l('Opportunity'),
  fields: [
    { key: 'title', type: 'text', label: l('Title') },
    { key: 'customer', type: 'text', label: l('Customer') },
    { key: 'amount', type: 'currency', label: l('Amount') },
    { key: 'close_date', type: 'date', label: l('Close date') },
    { key: 'region', type: 'select', label: l('Region'), options: [{ value: 'east', label: l('East') }, { value: 'west', label: l('West') }, { value: 'north', label: l('North') }] },
    { key: 'docs', type: 'attachment', label: l('Documents'), categories: [{ key: 'requirement_survey', label: l('Requirement survey') }] },
    { key: 'stage', type: 'select', label: l('Stage'), options: [{ value: 'qualify', label: l('Qualify') }, { value: 'propose', label: l('Propose') }] },
  ],
};

const visits = { kind: 'related', object: 'visit', via: 'opportunity', min: 2 } as const;

/** The 10 conditions, each with the JSONata a pack author would otherwise write for it. */
const CONDITIONS: Array<[Condition, string]> = [
  [{ kind: 'filled', field: 'title' }, '$exists(title) and title != ""'],
  [{ kind: 'filled', field: 'customer' }, '$exists(customer) and customer != ""'],
  [{ kind: 'compare', field: 'amount', op: 'gte', value: 100000 }, 'amount >= 100000'],
  [{ kind: 'compare', field: 'close_date', op: 'lte', value: '2026-12-31' }, 'close_date <= "2026-12-31"'],
  [{ kind: 'compare', field: 'region', op: 'in', value: ['east', 'west'] }, 'region in ["east", "west"]'],
  [{ kind: 'compare', field: 'amount', op: 'lt', value: 5000000 }, 'amount < 5000000'],
  [{ kind: 'attachment', field: 'docs', category: 'requirement_survey' }, '$lookup($facts.attachments.docs, "requirement_survey") >= 1'],
  [{ kind: 'approval', flow: 'discount' }, '$facts.approvals.discount = "approved"'],
  [{ kind: 'checklist', item: 'site_visit' }, '$facts.checklist.site_visit.done = true'],
  [visits, `$lookup($facts.related, "${relatedFactKey(visits)}") >= 2`],
];

const pipeline = (exit: Condition[]): PipelineDefinition => ({
  kind: 'pipeline',
  key: 'bench',
  object: 'opportunity',
  stageField: 'stage',
  label: l('Bench'),
  stages: [
    { key: 'qualify', label: l('Qualify'), probability: 10, forecastCategory: 'pipeline', exit },
    { key: 'propose', label: l('Propose'), probability: 40, forecastCategory: 'bestCase' },
  ],
});

const engineGate = compilePipeline(pipeline(CONDITIONS.map(([c]) => c)), { object, expressions: new ExpressionCache() });
const jsonataGate = compilePipeline(pipeline(CONDITIONS.map(([, expression]) => ({ kind: 'expression', expression, message: l(expression) }))), { object, expressions: new ExpressionCache() });

const facts: GateFacts = {
  attachments: { docs: { requirement_survey: 2 } },
  approvals: { discount: 'approved' },
  checklist: { site_visit: { done: true, by: '0190b6a0-0000-7000-8000-000000000001', at: '2026-03-01T08:00:00Z' } },
  related: { [relatedFactKey(visits)]: 3 },
};
const record = { title: 'Water plant pumps', customer: 'Acme Water', amount: 250000, close_date: '2026-09-30', region: 'east', stage: 'qualify' };

/** The gate open (every condition met) and closed (four unmet: the list is built too). */
const SCENARIOS: Array<[string, GateInput]> = [
  ['allowed', { record, facts }],
  ['blocked', { record: { ...record, customer: '', amount: 50000 }, facts: { ...facts, approvals: { discount: 'pending' }, checklist: {} } }],
];

async function time(gate: CompiledPipeline, input: GateInput, n: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < n; i++) await evaluateGate(gate, 'qualify', 'propose', input);
  return performance.now() - start;
}

async function main(): Promise<void> {
  // Both gates must agree before their speed means anything.
  for (const [name, input] of SCENARIOS) {
    const a = await evaluateGate(engineGate, 'qualify', 'propose', input);
    const b = await evaluateGate(jsonataGate, 'qualify', 'propose', input);
    const paths = (r: typeof a) => (r.allowed ? [] : r.unmet.map((u) => u.path));
    if (a.allowed !== b.allowed || JSON.stringify(paths(a)) !== JSON.stringify(paths(b))) {
      throw new Error(`${name}: the gates disagree: ${JSON.stringify(paths(a))} vs ${JSON.stringify(paths(b))}`);
    }
  }
  console.log(`stage-gate (${CONDITIONS.length} conditions, ${ITERATIONS} evaluations per measurement, best of 3, node ${process.version})`);
  let worst = Infinity;
  for (const [name, input] of SCENARIOS) {
    await time(engineGate, input, Math.min(2000, ITERATIONS));
    await time(jsonataGate, input, Math.min(2000, ITERATIONS));
    const engine: number[] = [];
    const jsonata: number[] = [];
    for (let round = 0; round < 3; round++) {
      jsonata.push(await time(jsonataGate, input, ITERATIONS));
      engine.push(await time(engineGate, input, ITERATIONS));
    }
    const e = Math.min(...engine);
    const j = Math.min(...jsonata);
    const us = (ms: number) => ((ms * 1000) / ITERATIONS).toFixed(2);
    worst = Math.min(worst, j / e);
    console.log(`  ${name.padEnd(8)} engine gate  : ${us(e).padStart(8)} µs/evaluation`);
    console.log(`  ${name.padEnd(8)} all JSONata  : ${us(j).padStart(8)} µs/evaluation`);
    console.log(`  ${name.padEnd(8)} ratio JSONata/engine: ${(j / e).toFixed(1)}x`);
  }
  console.log(`  engine faster by at least ${worst.toFixed(1)}x (target >= 5x)`);
  if (worst < 5) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
