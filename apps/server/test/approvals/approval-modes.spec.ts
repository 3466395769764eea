import { act, createQuote, expectStatus, panelFlow, startApprovalWorld, submit, taskOn, type ApprovalWorld } from './approval-test.support';

const PANEL = ['manager_east', 'director', 'finance'] as const;

describe('会签 and 或签', () => {
  let w: ApprovalWorld;

  beforeAll(async () => {
    w = await startApprovalWorld([panelFlow('quote_all', 'all'), panelFlow('quote_any', 'any'), panelFlow('quote_quorum', 'quorum', { quorum: 2 })]);
  }, 120_000);
  afterAll(() => w?.server.close());

  const started = async (flow: string) => {
    const id = await createQuote(w.api('rep_east'), 80000, flow);
    const instance = expectStatus(await submit(w.api('rep_east'), id, flow), 201);
    // Every panel member may act at once.
    for (const who of PANEL) await taskOn(w.api(who), id);
    return { id, instance };
  };

  it('all waits for every approver, in any order', async () => {
    const { id } = await started('quote_all');
    for (const who of ['finance', 'manager_east'] as const) {
      const after = expectStatus(await act(w.api(who), await taskOn(w.api(who), id), 'approve'), 200);
      expect(after.state).toBe('pending');
    }
    const done = expectStatus(await act(w.api('director'), await taskOn(w.api('director'), id), 'approve'), 200);
    expect([done.state, done.outcome]).toEqual(['finished', 'approved']);
    expect(done.tasks.map((t: { state: string }) => t.state)).toEqual(['approved', 'approved', 'approved']);
  });

  it('any finishes with the first approval and takes the others\' tasks away', async () => {
    const { id } = await started('quote_any');
    const done = expectStatus(await act(w.api('finance'), await taskOn(w.api('finance'), id), 'approve'), 200);
    expect(done.outcome).toBe('approved');
    const byAssignee = Object.fromEntries(done.tasks.map((t: { assignee: { id: string }; state: string }) => [t.assignee.id, t.state]));
    expect(byAssignee).toEqual({ [w.id('manager_east')]: 'cancelled', [w.id('director')]: 'cancelled', [w.id('finance')]: 'approved' });
    for (const who of ['manager_east', 'director'] as const) await expect(taskOn(w.api(who), id)).rejects.toThrow('found 0');
  });

  it('quorum: two of three', async () => {
    const { id } = await started('quote_quorum');
    expect(expectStatus(await act(w.api('director'), await taskOn(w.api('director'), id), 'approve'), 200).state).toBe('pending');
    expect(expectStatus(await act(w.api('finance'), await taskOn(w.api('finance'), id), 'approve'), 200).outcome).toBe('approved');
  });
});
