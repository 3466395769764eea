import { act, approvalMetadata, createQuote, expectStatus, startApprovalWorld, submit, taskOn, tieredFlow, type ApprovalWorld } from './approval-test.support';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** Version 2 of the flow: no sales director any more, finance instead, and another outcome. */
const v2 = tieredFlow({
  steps: [
    { key: 'regional', label: l('区域经理', 'Regional manager'), approvers: [{ kind: 'role', role: 'sales_manager', scope: 'ownerChain' }] },
    { key: 'finance_check', label: l('财务', 'Finance'), approvers: [{ kind: 'role', role: 'finance', scope: 'anywhere' }] },
  ],
  onApproved: [{ kind: 'setField', values: { remark: { value: 'approved under v2' } } }],
});

describe('a running approval keeps the flow version it started with', () => {
  let w: ApprovalWorld;

  beforeAll(async () => {
    w = await startApprovalWorld();
  }, 120_000);
  afterAll(() => w?.server.close());

  it('finishes on its old version after a new version is published', async () => {
    const rep = w.api('rep_east');
    const old = await createQuote(rep, 120000, 'v1 报价');
    const pinned = expectStatus(await submit(rep, old), 201);
    await act(w.api('manager_east'), await taskOn(w.api('manager_east'), old), 'approve');

    const published = expectStatus(await w.server.admin.post('/api/metadata/publish', { documents: approvalMetadata([v2]) }), 200);
    expect(published.version).toBeGreaterThan(pinned.flowVersion);

    // The pinned instance still waits for the sales director, a step v2 no longer has.
    const director = await taskOn(w.api('director'), old);
    const done = expectStatus(await act(w.api('director'), director, 'approve'), 200);
    expect([done.outcome, done.flowVersion, done.tasks.map((t: { step: string }) => t.step)]).toEqual(['approved', pinned.flowVersion, ['regional', 'director']]);
    // ... and ran v1's outcome, not v2's.
    const record = expectStatus(await w.server.admin.get(`/api/objects/quote/records/${old}`), 200);
    expect([record.status, record.remark]).toEqual(['approved', null]);
    expect(done.route.map((r: { label: { en: string } }) => r.label.en)).toEqual(['Regional manager', 'Sales director']);

    // A new submission runs v2.
    const fresh = await createQuote(rep, 120000, 'v2 报价');
    const next = expectStatus(await submit(rep, fresh), 201);
    expect([next.flowVersion, next.route.map((r: { step: string }) => r.step)]).toEqual([published.version, ['regional', 'finance_check']]);
    await act(w.api('manager_east'), await taskOn(w.api('manager_east'), fresh), 'approve');
    await act(w.api('finance'), await taskOn(w.api('finance'), fresh), 'approve');
    expect(expectStatus(await w.server.admin.get(`/api/objects/quote/records/${fresh}`), 200).remark).toBe('approved under v2');
  });
});
