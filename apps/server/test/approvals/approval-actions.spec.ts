import { act, createQuote, expectStatus, startApprovalWorld, submit, taskOn, type ApprovalWorld } from './approval-test.support';

type Event = { type: string; actor: { id: string } | null; comment: string | null; step: string | null; data: Record<string, unknown> };

describe('return, transfer, add approver, recall, comment', () => {
  let w: ApprovalWorld;

  beforeAll(async () => {
    w = await startApprovalWorld();
  }, 120_000);
  afterAll(() => w?.server.close());

  const rep = () => w.api('rep_east');
  const submitted = async (amount: number) => {
    const id = await createQuote(rep(), amount);
    const instance = expectStatus(await submit(rep(), id), 201);
    return { id, instanceId: instance.id as string };
  };
  const timeline = async (id: string): Promise<Event[]> => expectStatus(await rep().get(`/api/objects/quote/records/${id}/approvals`), 200).timeline;

  it('return to the submitter ends the approval, unlocks the record, and it can be submitted again', async () => {
    const { id } = await submitted(30000);
    const done = expectStatus(await act(w.api('manager_east'), await taskOn(w.api('manager_east'), id), 'return', { to: 'submitter', comment: '请补充成本明细' }), 200);
    expect([done.state, done.outcome]).toEqual(['finished', 'returned']);
    expectStatus(await rep().patch(`/api/objects/quote/records/${id}`, { amount: 29000 }), 200);
    expectStatus(await submit(rep(), id), 201);
    const events = await timeline(id);
    expect(events.find((e) => e.type === 'returned')).toMatchObject({ comment: '请补充成本明细', actor: { id: w.id('manager_east') }, data: { to: 'submitter' } });
    expect(events.filter((e) => e.type === 'submitted')).toHaveLength(2);
  });

  it('return to the previous step sends the decision back to the regional manager', async () => {
    const { id } = await submitted(120000);
    await act(w.api('manager_east'), await taskOn(w.api('manager_east'), id), 'approve');
    const back = expectStatus(await act(w.api('director'), await taskOn(w.api('director'), id), 'return', { to: 'previous', comment: '核对折扣' }), 200);
    expect([back.state, back.currentStep]).toEqual(['pending', 'regional']);
    await act(w.api('manager_east'), await taskOn(w.api('manager_east'), id), 'approve');
    expect(expectStatus(await act(w.api('director'), await taskOn(w.api('director'), id), 'approve'), 200).outcome).toBe('approved');
    expect((await timeline(id)).filter((e) => e.type === 'step.started').map((e) => e.step)).toEqual(['regional', 'director', 'regional', 'director']);
  });

  it('transfer (转办) hands the task to another user, who decides', async () => {
    const { id } = await submitted(30000);
    const task = await taskOn(w.api('manager_east'), id);
    const moved = expectStatus(await act(w.api('manager_east'), task, 'transfer', { to: w.id('director'), comment: '出差，请总监代批' }), 200);
    expect(moved.state).toBe('pending');
    await expect(taskOn(w.api('manager_east'), id)).rejects.toThrow('found 0');
    // The old task is closed: acting on it again is a conflict.
    expect((await act(w.api('manager_east'), task, 'approve')).status).toBe(409);
    expect(expectStatus(await act(w.api('director'), await taskOn(w.api('director'), id), 'approve'), 200).outcome).toBe('approved');
    expect((await timeline(id)).find((e) => e.type === 'transferred')).toMatchObject({ actor: { id: w.id('manager_east') }, comment: '出差，请总监代批', data: { to: w.id('director') } });
  });

  it('transfer to an unknown user is refused', async () => {
    const { id } = await submitted(30000);
    const res = await act(w.api('manager_east'), await taskOn(w.api('manager_east'), id), 'transfer', { to: '00000000-0000-7000-8000-000000000000' });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ path: '/to', code: 'user.unknown' });
  });

  it('add approver before (前加签): the added user decides first, then the one who added them', async () => {
    const { id } = await submitted(30000);
    expectStatus(await act(w.api('manager_east'), await taskOn(w.api('manager_east'), id), 'add-approver', { user: w.id('finance'), position: 'before', comment: '请财务先看成本' }), 200);
    // The regional manager waits: nothing in their inbox until finance approved.
    await expect(taskOn(w.api('manager_east'), id)).rejects.toThrow('found 0');
    expect(expectStatus(await act(w.api('finance'), await taskOn(w.api('finance'), id), 'approve'), 200).state).toBe('pending');
    expect(expectStatus(await act(w.api('manager_east'), await taskOn(w.api('manager_east'), id), 'approve'), 200).outcome).toBe('approved');
    expect((await timeline(id)).find((e) => e.type === 'approver.added')).toMatchObject({ data: { user: w.id('finance'), position: 'before' } });
  });

  it('add approver after (后加签): the actor approves and the added user must approve too', async () => {
    const { id } = await submitted(30000);
    const after = expectStatus(await act(w.api('manager_east'), await taskOn(w.api('manager_east'), id), 'add-approver', { user: w.id('finance'), position: 'after' }), 200);
    expect(after.state).toBe('pending');
    expect(expectStatus(await act(w.api('finance'), await taskOn(w.api('finance'), id), 'approve'), 200).outcome).toBe('approved');
  });

  it('add approver where the step does not allow it is refused', async () => {
    const { id } = await submitted(120000);
    await act(w.api('manager_east'), await taskOn(w.api('manager_east'), id), 'approve');
    const res = await act(w.api('director'), await taskOn(w.api('director'), id), 'add-approver', { user: w.id('finance'), position: 'after' });
    expect(res.status).toBe(403);
    expect(res.body.errors[0].code).toBe('add-approver.not-allowed');
  });

  it('recall (撤回) works while nobody has acted, and not after', async () => {
    const first = await submitted(120000);
    const recalled = expectStatus(await rep().post(`/api/approvals/instances/${first.instanceId}/recall`, { comment: '金额填错了' }), 200);
    expect([recalled.state, recalled.outcome]).toEqual(['finished', 'recalled']);
    await expect(taskOn(w.api('manager_east'), first.id)).rejects.toThrow('found 0');
    expect((await timeline(first.id)).find((e) => e.type === 'recalled')).toMatchObject({ actor: { id: w.id('rep_east') }, comment: '金额填错了' });

    const second = await submitted(120000);
    expect((await w.api('manager_east').post(`/api/approvals/instances/${second.instanceId}/recall`, {})).status).toBe(403);
    await act(w.api('manager_east'), await taskOn(w.api('manager_east'), second.id), 'approve');
    const late = await rep().post(`/api/approvals/instances/${second.instanceId}/recall`, {});
    expect(late.status).toBe(409);
    expect(late.body.errors[0].code).toBe('recall.too-late');
  });

  it('a comment goes on the timeline and changes nothing else', async () => {
    const { id } = await submitted(30000);
    const task = await taskOn(w.api('manager_east'), id);
    const after = expectStatus(await act(w.api('manager_east'), task, 'comment', { comment: '周五前给结论' }), 200);
    expect(after.state).toBe('pending');
    expect(after.canRecall).toBe(false); // the viewer is not the submitter
    expect(await taskOn(w.api('manager_east'), id)).toBe(task);
    expect((await timeline(id)).find((e) => e.type === 'commented')).toMatchObject({ comment: '周五前给结论', actor: { id: w.id('manager_east') } });
  });

  it('the timeline lists every action with actor, time and comment, in order', async () => {
    const { id } = await submitted(120000);
    await act(w.api('manager_east'), await taskOn(w.api('manager_east'), id), 'approve', { comment: '可以' });
    await act(w.api('director'), await taskOn(w.api('director'), id), 'reject', { comment: '价格太低' });
    const events = await timeline(id);
    expect(events.map((e) => e.type)).toEqual(['submitted', 'step.skipped', 'step.started', 'approved', 'step.approved', 'step.started', 'rejected', 'step.rejected', 'finished', 'effect.applied']);
    for (const e of events) expect(Date.parse((e as unknown as { at: string }).at)).not.toBeNaN();
    expect(events.filter((e) => e.comment).map((e) => [e.actor?.id, e.comment])).toEqual([[w.id('manager_east'), '可以'], [w.id('director'), '价格太低']]);
  });
});
