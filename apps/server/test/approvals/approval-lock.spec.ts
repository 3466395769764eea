import { act, createQuote, expectStatus, panelFlow, startApprovalWorld, submit, taskOn, tieredFlow, type ApprovalWorld } from './approval-test.support';

describe('the record is locked while its approval is pending', () => {
  let w: ApprovalWorld;

  beforeAll(async () => {
    w = await startApprovalWorld([tieredFlow(), panelFlow('quote_any', 'any'), { ...panelFlow('quote_open', 'any'), lockRecord: false, onApproved: [] }]);
  }, 120_000);
  afterAll(() => w?.server.close());

  const rep = () => w.api('rep_east');
  const path = (id: string) => `/api/objects/quote/records/${id}`;

  it('refuses edits with 423 naming the approval, except the fields the flow allows', async () => {
    const id = await createQuote(rep(), 120000);
    const instance = expectStatus(await submit(rep(), id), 201);
    const edit = await rep().patch(path(id), { amount: 90000 });
    expect(edit.status).toBe(423);
    expect(edit.headers.get('content-type')).toContain('application/problem+json');
    expect(edit.body).toMatchObject({ type: expect.stringContaining('record-locked'), approval: { id: instance.id, flow: 'quote_approval' } });
    expect(edit.body.detail).toContain(instance.id);
    expect(edit.body.errors).toEqual([expect.objectContaining({ path: '/amount', code: 'record.locked' })]);
    // The regional manager, who may edit the rep's records, is locked out as well.
    expect((await w.api('manager_east').patch(path(id), { title: 'changed' })).status).toBe(423);
    // remark is editableFields.
    expect(expectStatus(await rep().patch(path(id), { remark: '客户要求月底前交付' }), 200).remark).toBe('客户要求月底前交付');
    expect((await rep().patch(path(id), { remark: 'x', amount: 1 })).status).toBe(423);
    expect((await w.server.admin.delete(path(id))).status).toBe(423);
    expect(expectStatus(await w.server.admin.get(path(id)), 200).amount).toBe(120000);
  });

  it('unlocks when the approval ends', async () => {
    const id = await createQuote(rep(), 30000);
    expectStatus(await submit(rep(), id), 201);
    expect((await rep().patch(path(id), { amount: 31000 })).status).toBe(423);
    await act(w.api('manager_east'), await taskOn(w.api('manager_east'), id), 'reject', { comment: 'no' });
    const after = expectStatus(await rep().patch(path(id), { amount: 31000 }), 200);
    expect([after.amount, after.status]).toEqual([31000, 'rejected']);
  });

  it('a flow with lockRecord false leaves the record editable', async () => {
    const id = await createQuote(rep(), 30000);
    expectStatus(await submit(rep(), id, 'quote_open'), 201);
    expectStatus(await rep().patch(path(id), { amount: 32000 }), 200);
  });

  it('a flow\'s own outcome writes through the lock another pending approval holds', async () => {
    const id = await createQuote(rep(), 30000);
    expectStatus(await submit(rep(), id), 201);
    expectStatus(await submit(rep(), id, 'quote_any'), 201);
    const done = expectStatus(await act(w.api('finance'), await taskOn(w.api('finance'), id), 'approve'), 200);
    expect(done.outcome).toBe('approved');
    expect(done.timeline.at(-1)).toMatchObject({ type: 'effect.applied', data: { kind: 'setField', fields: ['status'] } });
    expect(expectStatus(await w.server.admin.get(path(id)), 200).status).toBe('approved');
    // ... while users stay locked out by quote_approval.
    expect((await rep().patch(path(id), { amount: 1 })).status).toBe(423);
  });
});
