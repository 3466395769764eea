import type { MatrixUser } from '../support/org-matrix';
import { act, createQuote, expectStatus, panelFlow, pendingTasks, startApprovalWorld, submit, taskOn, tieredFlow, type ApprovalWorld } from './approval-test.support';

const EVERYONE: MatrixUser[] = ['rep_east', 'rep_south', 'manager_east', 'director', 'finance', 'gm', 'admin'];

describe('the approval inbox', () => {
  let w: ApprovalWorld;

  beforeAll(async () => {
    // Finance may not see quote titles.
    w = await startApprovalWorld([tieredFlow(), panelFlow('quote_seq', 'sequential')], {}, { finance: { quote: { title: 'hidden' } } });
  }, 120_000);
  afterAll(() => w?.server.close());

  /** Who has which pending task on the record, according to each user's own inbox. */
  const inboxes = async (id: string) => {
    const out: Record<string, string[]> = {};
    for (const u of EVERYONE) {
      const tasks = await pendingTasks(w.api(u), id);
      if (tasks.length) out[u] = tasks.map((t) => t.task.id);
    }
    return out;
  };

  /** The tasks of the record's instances that their assignee may act on now, by user. */
  const actionable = async (id: string) => {
    const body = expectStatus(await w.server.admin.get(`/api/objects/quote/records/${id}/approvals`), 200);
    const out: Record<string, string[]> = {};
    const name = (userId: string) => EVERYONE.find((u) => w.id(u) === userId)!;
    for (const i of body.instances) for (const t of i.tasks) if (t.state === 'pending' && i.state === 'pending') (out[name(t.assignee.id)] ??= []).push(t.id);
    return out;
  };

  it('shows each task only to its assignee, only while they may act on it', async () => {
    const id = await createQuote(w.api('rep_east'), 120000, '华东 泵阀 报价');
    expectStatus(await submit(w.api('rep_east'), id), 201);
    expect(await inboxes(id)).toEqual(await actionable(id));
    expect(Object.keys(await inboxes(id))).toEqual(['manager_east']);

    // Added before: finance decides first; the manager's task waits and leaves their inbox.
    await act(w.api('manager_east'), await taskOn(w.api('manager_east'), id), 'add-approver', { user: w.id('finance'), position: 'before' });
    expect(Object.keys(await inboxes(id))).toEqual(['finance']);
    expect(await inboxes(id)).toEqual(await actionable(id));

    await act(w.api('finance'), await taskOn(w.api('finance'), id), 'approve');
    await act(w.api('manager_east'), await taskOn(w.api('manager_east'), id), 'approve');
    expect(Object.keys(await inboxes(id))).toEqual(['director']);
    expect(await inboxes(id)).toEqual(await actionable(id));

    // Someone else's task cannot be acted on.
    const directorTask = await taskOn(w.api('director'), id);
    for (const u of EVERYONE.filter((x) => x !== 'director')) expect((await act(w.api(u), directorTask, 'approve')).status).toBe(403);

    await act(w.api('director'), directorTask, 'approve');
    expect(await inboxes(id)).toEqual({});
  });

  it('a sequential step shows only the approver whose turn it is', async () => {
    const id = await createQuote(w.api('rep_east'), 1000);
    expectStatus(await submit(w.api('rep_east'), id, 'quote_seq'), 201);
    expect(Object.keys(await inboxes(id))).toEqual(['manager_east']);
    await act(w.api('manager_east'), await taskOn(w.api('manager_east'), id), 'approve');
    expect(Object.keys(await inboxes(id))).toEqual(['director']);
    await act(w.api('director'), await taskOn(w.api('director'), id), 'approve');
    expect(Object.keys(await inboxes(id))).toEqual(['finance']);
    expect(await inboxes(id)).toEqual(await actionable(id));
  });

  it('submitted and handled lists; the summary follows the reader\'s field permissions', async () => {
    const id = await createQuote(w.api('rep_east'), 30000, '上海 球阀 报价');
    const instance = expectStatus(await submit(w.api('rep_east'), id), 201);
    const submitted = expectStatus(await w.api('rep_east').get('/api/approvals/tasks?state=submitted'), 200);
    expect(submitted.items.find((i: { instance: { id: string } }) => i.instance.id === instance.id)).toMatchObject({ record: { id, title: '上海 球阀 报价' }, pendingWith: [{ id: w.id('manager_east') }] });

    await act(w.api('manager_east'), await taskOn(w.api('manager_east'), id), 'add-approver', { user: w.id('finance'), position: 'after' });
    const row = (await pendingTasks(w.api('finance'), id))[0] as unknown as { record: { title: string | null; id: string } };
    expect(row.record).toMatchObject({ id, title: null });
    const handled = expectStatus(await w.api('manager_east').get('/api/approvals/tasks?state=handled'), 200);
    expect(handled.items.find((i: { record: { id: string } }) => i.record.id === id)).toMatchObject({ task: { action: 'addApprover', state: 'approved' }, record: { title: '上海 球阀 报价' } });
    expect((await w.api('rep_east').get('/api/approvals/tasks?state=mine')).status).toBe(400);
  });

  it('an approver outside the record\'s read scope sees its summary and the approval, not the record', async () => {
    const id = await createQuote(w.api('rep_east'), 30000, '越权 报价');
    const instance = expectStatus(await submit(w.api('rep_east'), id), 201);
    // rep_south reads only their own quotes; the regional manager hands them the task.
    await act(w.api('manager_east'), await taskOn(w.api('manager_east'), id), 'transfer', { to: w.id('rep_south') });
    const [row] = (await pendingTasks(w.api('rep_south'), id)) as unknown as Array<{ record: { title: string } }>;
    expect(row.record.title).toBe('越权 报价');
    expect((await w.api('rep_south').get(`/api/objects/quote/records/${id}`)).status).toBe(404);
    expectStatus(await w.api('rep_south').get(`/api/approvals/instances/${instance.id}`), 200);
    // Someone with no part in it and no read access sees nothing.
    const other = await createQuote(w.api('rep_east'), 30000);
    const hidden = expectStatus(await submit(w.api('rep_east'), other), 201);
    expect((await w.api('rep_south').get(`/api/approvals/instances/${hidden.id}`)).status).toBe(404);
    expect((await w.api('rep_south').get(`/api/objects/quote/records/${other}/approvals`)).status).toBe(404);
  });
});
