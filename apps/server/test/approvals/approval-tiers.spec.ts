import { DataSource } from 'typeorm';
import { act, createQuote, expectStatus, startApprovalWorld, submit, taskOn, type ApprovalWorld } from './approval-test.support';

describe('tiered approval of a quote', () => {
  let w: ApprovalWorld;

  beforeAll(async () => {
    w = await startApprovalWorld();
  }, 120_000);
  afterAll(() => w?.server.close());

  const rep = () => w.api('rep_east');
  const routeOf = (instance: { route: Array<{ step: string; approvers: Array<{ id: string }> }> }) => instance.route.map((r) => [r.step, r.approvers.map((a) => a.id)]);
  const record = async (id: string) => expectStatus(await w.server.admin.get(`/api/objects/quote/records/${id}`), 200);

  it('¥30k goes to the owner\'s regional manager only', async () => {
    const id = await createQuote(rep(), 30000);
    const instance = expectStatus(await submit(rep(), id), 201);
    expect(routeOf(instance)).toEqual([['regional', [w.id('manager_east')]]]);
    expect(instance.timeline.filter((e: { type: string }) => e.type === 'step.skipped').map((e: { step: string }) => e.step)).toEqual(['director', 'gm']);
    const done = expectStatus(await act(w.api('manager_east'), await taskOn(w.api('manager_east'), id), 'approve', { comment: '同意' }), 200);
    expect([done.state, done.outcome]).toEqual(['finished', 'approved']);
    expect((await record(id)).status).toBe('approved');
  });

  it('¥120k goes to the regional manager, then the sales director', async () => {
    const id = await createQuote(rep(), 120000);
    const instance = expectStatus(await submit(rep(), id), 201);
    expect(routeOf(instance)).toEqual([['regional', [w.id('manager_east')]], ['director', [w.id('director')]]]);
    // The director has nothing to do before the regional manager decided.
    await expect(taskOn(w.api('director'), id)).rejects.toThrow('found 0');
    await act(w.api('manager_east'), await taskOn(w.api('manager_east'), id), 'approve');
    const done = expectStatus(await act(w.api('director'), await taskOn(w.api('director'), id), 'approve'), 200);
    expect(done.outcome).toBe('approved');
    expect(done.timeline.filter((e: { type: string }) => e.type === 'approved').map((e: { actor: { id: string } }) => e.actor.id)).toEqual([w.id('manager_east'), w.id('director')]);
  });

  it('¥500k goes additionally to the GM, and approval.finished is written once', async () => {
    const id = await createQuote(rep(), 500000);
    const instance = expectStatus(await submit(rep(), id), 201);
    expect(routeOf(instance).map(([step]) => step)).toEqual(['regional', 'director', 'gm']);
    for (const who of ['manager_east', 'director'] as const) await act(w.api(who), await taskOn(w.api(who), id), 'approve');
    expect((await record(id)).status).toBe('draft');
    const done = expectStatus(await act(w.api('gm'), await taskOn(w.api('gm'), id), 'approve'), 200);
    expect(done.outcome).toBe('approved');
    expect((await record(id)).status).toBe('approved');
    const events = await w.server.app.app.get(DataSource).query(`SELECT "type", "payload" FROM "outbox_event" WHERE "record_id" = $1 AND "type" LIKE 'approval.%' ORDER BY "created_at"`, [id]);
    expect(events.map((e: { type: string }) => e.type)).toEqual(['approval.submitted', 'approval.finished']);
    expect(events[1].payload).toMatchObject({ flow: 'quote_approval', outcome: 'approved', instanceId: instance.id });
  });

  it('reject ends the flow with the reason, and the reason is required', async () => {
    const id = await createQuote(rep(), 120000);
    expectStatus(await submit(rep(), id), 201);
    const task = await taskOn(w.api('manager_east'), id);
    const noReason = await act(w.api('manager_east'), task, 'reject', {});
    expect(noReason.status).toBe(422);
    expect(noReason.headers.get('content-type')).toContain('application/problem+json');
    expect(noReason.body.errors).toEqual([expect.objectContaining({ path: '/comment', code: 'comment.required' })]);
    const done = expectStatus(await act(w.api('manager_east'), task, 'reject', { comment: '毛利低于 15%' }), 200);
    expect([done.state, done.outcome]).toEqual(['finished', 'rejected']);
    expect(done.timeline.find((e: { type: string }) => e.type === 'rejected')).toMatchObject({ comment: '毛利低于 15%', actor: { id: w.id('manager_east') } });
    expect((await record(id)).status).toBe('rejected');
    // The director never got a task.
    expect(done.tasks.map((t: { step: string }) => t.step)).toEqual(['regional']);
  });

  it('a step whose approvers resolve to nobody fails at submit with a pointer to it', async () => {
    // South China has no regional manager: nobody holds sales_manager up rep_south's chain.
    const id = await createQuote(w.api('rep_south'), 30000);
    const res = await submit(w.api('rep_south'), id);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: '/steps/0/approvers', code: 'approval.no-approvers' })]);
    expect(res.body.errors[0].message).toContain('sales_manager');
    // Nothing was started: the record is not locked.
    expectStatus(await w.api('rep_south').patch(`/api/objects/quote/records/${id}`, { amount: 31000 }), 200);
  });

  it('one pending approval of a flow per record', async () => {
    const id = await createQuote(rep(), 1000);
    expectStatus(await submit(rep(), id), 201);
    const again = await submit(rep(), id);
    expect(again.status).toBe(409);
    expect(again.body.type).toContain('approval-pending');
  });

  it('only someone who may edit the record submits it', async () => {
    const id = await createQuote(rep(), 1000);
    expect((await submit(w.api('rep_south'), id)).status).toBe(404);
    expect((await submit(w.api('finance'), id)).status).toBe(403);
    expect((await submit(rep(), id, 'no_such_flow')).status).toBe(404);
  });
});
