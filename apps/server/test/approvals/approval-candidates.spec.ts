import { createQuote, expectStatus, startApprovalWorld, submit, taskOn, type ApprovalWorld } from './approval-test.support';

type Candidate = { id: string; username: string; displayName: string; orgUnit: { 'zh-CN': string } | null };

describe('whom a task may be transferred to or shared with (GET /api/approvals/tasks/:taskId/candidates)', () => {
  let w: ApprovalWorld;
  let task: string;

  beforeAll(async () => {
    w = await startApprovalWorld();
    const id = await createQuote(w.api('rep_east'), 30000);
    expectStatus(await submit(w.api('rep_east'), id), 201);
    task = await taskOn(w.api('manager_east'), id);
  }, 120_000);
  afterAll(() => w?.server.close());

  const candidates = async (q = '') => expectStatus(await w.api('manager_east').get(`/api/approvals/tasks/${task}/candidates?q=${encodeURIComponent(q)}`), 200).items as Candidate[];

  it('lists the users of the organization except the approver, with their unit', async () => {
    const all = await candidates();
    const ids = all.map((c) => c.id);
    for (const u of ['rep_east', 'rep_south', 'director', 'finance', 'gm'] as const) expect(ids).toContain(w.id(u));
    expect(ids).not.toContain(w.id('manager_east'));
    expect(all.find((c) => c.id === w.id('director'))).toMatchObject({ displayName: '销售总监 Sales director', orgUnit: { 'zh-CN': '公司' } });
  });

  it('searches login and display name', async () => {
    expect((await candidates('总监')).map((c) => c.id)).toEqual([w.id('director')]);
    expect((await candidates('FINANCE')).map((c) => c.id)).toEqual([w.id('finance')]);
    expect(await candidates('nobody-like-this')).toEqual([]);
  });

  it('answers only the holder of the pending task', async () => {
    expect((await w.api('director').get(`/api/approvals/tasks/${task}/candidates`)).status).toBe(404);
    expect((await w.api('rep_east').get(`/api/approvals/tasks/${task}/candidates`)).status).toBe(404);
    expect((await w.api('manager_east').get('/api/approvals/tasks/not-a-task/candidates')).status).toBe(404);
  });
});
