import type { ApprovalFlowDefinition } from '@tessera/metadata';
import { DataSource } from 'typeorm';
import { approvalMetadata, expectStatus, tieredFlow, type ApprovalWorld } from './approval-test.support';
import { createOrgMatrix } from '../support/org-matrix';
import { ADMIN_PASSWORD, startTesseraServer } from '../support/tessera-server';

/** POST /api/approvals/simulate: the designer's simulator, on the engine start and the server's approver resolution. */
describe('approval simulation', () => {
  let w: ApprovalWorld;
  let db: DataSource;

  beforeAll(async () => {
    // A publisher who is not an administrator: a role with the publish capability only.
    const publisher = { kind: 'role' as const, key: 'publisher', label: { 'zh-CN': '发布者', en: 'Publisher' }, capabilities: ['publish' as const], permissions: [] };
    const server = await startTesseraServer([...approvalMetadata(), publisher]);
    const matrix = await createOrgMatrix(server, ADMIN_PASSWORD, { roles: { finance: ['finance', 'publisher'] } });
    w = { server, matrix, api: (u) => matrix.users[u].api, id: (u) => matrix.users[u].id };
    db = server.app.app.get(DataSource);
  }, 120_000);
  afterAll(() => w?.server.close());

  const simulate = (flow: ApprovalFlowDefinition, amount: number, owner: 'rep_east' | 'rep_south' | 'director', as = w.server.admin) =>
    as.post('/api/approvals/simulate', { flow, record: { title: 'Sim', amount }, ownerId: w.id(owner) });
  const route = (body: { steps: Array<{ key: string; applies: boolean; approvers: Array<{ username: string }> }> }) =>
    body.steps.filter((s) => s.applies).map((s) => [s.key, s.approvers.map((a) => a.username)]);

  it('shows the steps that apply and their approvers by name, and writes nothing', async () => {
    const before = Number((await db.query(`SELECT count(*) AS n FROM approval_instance`))[0].n);
    const small = expectStatus(await simulate(tieredFlow(), 30000, 'rep_east'), 200);
    expect(small.outcome).toBe('pending');
    expect(route(small)).toEqual([['regional', ['manager_east']]]);
    expect(small.steps.map((s: { key: string; applies: boolean }) => [s.key, s.applies])).toEqual([['regional', true], ['director', false], ['gm', false]]);
    expect(small.steps[0]).toMatchObject({ mode: 'any', label: { en: 'Regional manager' }, approvers: [{ id: w.id('manager_east'), displayName: '华东区域经理 East manager' }] });

    const big = expectStatus(await simulate(tieredFlow(), 500000, 'rep_east'), 200);
    expect(route(big)).toEqual([['regional', ['manager_east']], ['director', ['director']], ['gm', ['gm']]]);
    expect(Number((await db.query(`SELECT count(*) AS n FROM approval_instance`))[0].n)).toBe(before);
  });

  it('runs the flow as sent (a draft), not the published one: a changed tier threshold changes the route', async () => {
    const draft = tieredFlow();
    draft.steps[1] = { ...draft.steps[1], when: { kind: 'compare', field: 'amount', op: 'gte', value: '20000' } };
    expect(route(expectStatus(await simulate(tieredFlow(), 30000, 'rep_east'), 200)).map(([k]) => k)).toEqual(['regional']);
    expect(route(expectStatus(await simulate(draft, 30000, 'rep_east'), 200)).map(([k]) => k)).toEqual(['regional', 'director']);
  });

  it('a step that resolves to nobody is a 422 pointing at the step, with the route resolved so far', async () => {
    // rep_south's chain (广州办事处 → 华南区 → 公司) has no sales_manager.
    const res = await simulate(tieredFlow(), 30000, 'rep_south');
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors).toEqual([expect.objectContaining({ path: '/flow/steps/0/approvers', code: 'approval.no-approvers', message: expect.stringContaining('resolve to nobody') })]);
    expect(res.body.steps[0]).toMatchObject({ key: 'regional', applies: true, approvers: [], problem: expect.stringContaining('resolve to nobody') });
  });

  it('no step applying approves at once', async () => {
    const flow = tieredFlow({ steps: [tieredFlow().steps[2]] });
    const body = expectStatus(await simulate(flow, 1000, 'rep_east'), 200);
    expect(body).toMatchObject({ outcome: 'approved', steps: [{ key: 'gm', applies: false, approvers: [] }] });
  });

  it('refuses an invalid flow, owner or expression with pointers into the request', async () => {
    const broken = { ...tieredFlow(), steps: [] };
    const a = await w.server.admin.post('/api/approvals/simulate', { flow: broken, record: {}, ownerId: 'nobody' });
    expect(a.status).toBe(422);
    expect(a.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['/flow/steps', '/ownerId']));
    const badExpression = tieredFlow();
    badExpression.steps[1] = { ...badExpression.steps[1], when: { kind: 'expression', expression: 'amount >', message: { 'zh-CN': 'x', en: 'x' } } };
    const b = await simulate(badExpression, 1, 'rep_east');
    expect(b.status).toBe(422);
    expect(b.body.errors[0].path).toBe('/flow/steps/1/when/expression');
  });

  it('needs the publish capability', async () => {
    expect((await simulate(tieredFlow(), 30000, 'rep_east', w.api('rep_east'))).status).toBe(403);
    expect((await simulate(tieredFlow(), 30000, 'rep_east', w.api('manager_east'))).status).toBe(403);
    expect(route(expectStatus(await simulate(tieredFlow(), 30000, 'rep_east', w.api('finance')), 200))).toEqual([['regional', ['manager_east']]]);
  });
});
