import { DataSource } from 'typeorm';
import type { ApiResponse } from '../support/api-client';
import { act, createQuote, expectStatus, panelFlow, pendingTasks, startApprovalWorld, submit, type ApprovalWorld } from './approval-test.support';

describe('concurrent actions on one approval', () => {
  let w: ApprovalWorld;
  let db: DataSource;

  beforeAll(async () => {
    w = await startApprovalWorld([panelFlow('quote_all', 'all')]);
    db = w.server.app.app.get(DataSource);
  }, 120_000);
  afterAll(() => w?.server.close());

  const count = async (sql: string, values: unknown[]) => Number((await db.query(`SELECT count(*) AS n FROM ${sql}`, values))[0].n);

  it.each([1, 2, 3])('20 actions at once (approvals of an all step, repeated clicks, comments, a recall) end in one consistent state (run %i)', async () => {
    const id = await createQuote(w.api('rep_east'), 80000);
    const instance = expectStatus(await submit(w.api('rep_east'), id, 'quote_all'), 201);
    const task = async (who: 'manager_east' | 'director' | 'finance') => (await pendingTasks(w.api(who), id))[0].task.id;
    const tasks = { manager_east: await task('manager_east'), director: await task('director'), finance: await task('finance') };

    const calls: Array<() => Promise<ApiResponse>> = [];
    for (let i = 0; i < 4; i++) for (const who of ['manager_east', 'director', 'finance'] as const) calls.push(() => act(w.api(who), tasks[who], 'approve'));
    for (let i = 0; i < 4; i++) calls.push(() => w.api('rep_east').post(`/api/approvals/instances/${instance.id}/recall`, {}));
    for (let i = 0; i < 4; i++) calls.push(() => act(w.api('finance'), tasks.finance, 'comment', { comment: `comment ${i}` }));
    expect(calls).toHaveLength(20);
    const results = await Promise.all(calls.map((c) => c()));

    // Every call either went through or was refused for a reason the caller can read; none failed.
    for (const r of results) expect([200, 409]).toContain(r.status);
    const ok = results.filter((r) => r.status === 200);
    const final = expectStatus(await w.server.admin.get(`/api/approvals/instances/${instance.id}`), 200);
    const approvedOk = results.slice(0, 12).filter((r) => r.status === 200).length;
    const recalledOk = results.slice(12, 16).filter((r) => r.status === 200).length;

    expect(final.state).toBe('finished');
    if (final.outcome === 'recalled') {
      // The recall won: nobody had acted; every approval after it was refused.
      expect([recalledOk, approvedOk]).toEqual([1, 0]);
    } else {
      // The approvals won: each task approved exactly once; every recall was refused.
      expect(final.outcome).toBe('approved');
      expect([recalledOk, approvedOk]).toEqual([0, 3]);
    }
    const approvals = final.timeline.filter((e: { type: string }) => e.type === 'approved');
    expect(approvals).toHaveLength(approvedOk);
    expect(new Set(approvals.map((e: { taskId: string }) => e.taskId)).size).toBe(approvedOk);
    expect(final.timeline.filter((e: { type: string }) => e.type === 'finished')).toHaveLength(1);
    expect(final.timeline.filter((e: { type: string }) => e.type === 'step.approved' || e.type === 'step.rejected').length).toBe(final.outcome === 'approved' ? 1 : 0);
    // One row write per accepted action: nothing was written around the lock.
    const [{ version }] = await db.query(`SELECT "version" FROM "approval_instance" WHERE "id" = $1`, [instance.id]);
    expect(Number(version)).toBe(1 + ok.length);
    expect(await count(`"outbox_event" WHERE "record_id" = $1 AND "type" = 'approval.finished'`, [id])).toBe(final.outcome === 'approved' ? 1 : 0);
    expect(await count(`"approval_task" WHERE "instance_id" = $1 AND "state" IN ('pending', 'waiting', 'queued')`, [instance.id])).toBe(0);
    const record = expectStatus(await w.server.admin.get(`/api/objects/quote/records/${id}`), 200);
    expect(record.status).toBe(final.outcome === 'approved' ? 'approved' : 'draft');
  });
});
