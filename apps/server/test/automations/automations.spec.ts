import { DataSource } from 'typeorm';
import { uploadPdf } from '../pipelines/pipeline-test.support';
import { createOrgMatrix, type OrgMatrix } from '../support/org-matrix';
import { startTesseraServer, type TesseraServer } from '../support/tessera-server';
import { automationMetadata } from './automation-metadata';
import { created, eventually, fastJobsEnv, JOB_MODES, patched, rows, runsOf } from './automation-test.support';

describe.each(JOB_MODES)('automations (%s)', (_mode, modeEnv) => {
  let server: TesseraServer;
  let db: DataSource;
  let m: OrgMatrix;

  beforeAll(async () => {
    server = await startTesseraServer(automationMetadata(), fastJobsEnv(modeEnv));
    db = server.app.app.get(DataSource);
    m = await createOrgMatrix(server, 'admin-test-password-1');
  });
  afterAll(() => server?.close());

  const notificationsOf = async (userId: string, like: string) =>
    rows<{ title: Record<string, string>; body: Record<string, string> | null }>(db, `SELECT "title", "body" FROM "notification" WHERE "user_id" = $1 AND "title"->>'en' LIKE $2`, [userId, like]);

  it('record.created: creates a follow-up task and tells the owner\'s manager, with fields in the text', async () => {
    const lead = await created(m.users.rep_east.api, 'lead', { title: 'Valve expo', source: 'expo', region: 'east' });
    const [task] = await eventually(() => rows(db, `SELECT "title", "owner_id" FROM "data"."task" WHERE "lead" = $1`, [lead.id]).then((r) => (r.length ? r : undefined)), 20_000, 'the follow-up task');
    expect(task).toEqual({ title: '跟进 Valve expo', owner_id: m.users.rep_east.id });
    const [notice] = await eventually(() => notificationsOf(m.users.manager_east.id, 'New expo lead: Valve expo%').then((r) => (r.length ? r : undefined)), 20_000, 'the manager notice');
    expect(notice.title).toEqual({ 'zh-CN': '新展会线索：Valve expo（east）', en: 'New expo lead: Valve expo (east)' });
    expect(notice.body).toEqual({ 'zh-CN': '来源 expo', en: 'Source expo' });
    // A lead from elsewhere does not meet the condition: logged as skipped, no task.
    const web = await created(m.users.rep_east.api, 'lead', { title: 'Quiet web lead', source: 'referral', region: 'west' });
    await eventually(() => runsOf(db, 'follow_up', web.id).then((r) => (r.length ? r : undefined)));
    expect((await runsOf(db, 'follow_up', web.id)).map((r) => r.status)).toEqual(['skipped']);
    expect(await rows(db, `SELECT 1 FROM "data"."task" WHERE "lead" = $1`, [web.id])).toHaveLength(0);
  });

  it('field.changed from/to with $previous: sets a field once the status goes new -> qualified', async () => {
    const lead = await created(m.users.rep_east.api, 'lead', { title: 'Qualify me', status: 'new' });
    await patched(m.users.rep_east.api, 'lead', lead.id, { status: 'lost' });
    await patched(m.users.rep_east.api, 'lead', lead.id, { status: 'new' });
    await patched(m.users.rep_east.api, 'lead', lead.id, { status: 'qualified' });
    const note = await eventually(async () => (await server.admin.get(`/api/objects/lead/records/${lead.id}`)).body.note, 20_000, 'the note');
    expect(note).toBe('qualified from new');
    expect((await runsOf(db, 'qualified', lead.id)).filter((r) => r.status === 'succeeded')).toHaveLength(1);
  });

  it('classify: ordered rules set 明星 / 稳定 / 潜力 / 风险 (star / stable / potential / risk)', async () => {
    const lead = await created(m.users.rep_east.api, 'lead', { title: 'Grade me', revenue: 20000000 });
    const grade = (want: string) => eventually(async () => ((await server.admin.get(`/api/objects/lead/records/${lead.id}`)).body.grade === want ? want : undefined), 20_000, `grade ${want}`);
    await grade('star');
    await patched(m.users.rep_east.api, 'lead', lead.id, { revenue: 2000000 });
    await grade('stable');
    await patched(m.users.rep_east.api, 'lead', lead.id, { overdue_days: 45 });
    await grade('risk');
    await patched(m.users.rep_east.api, 'lead', lead.id, { overdue_days: 0, revenue: 10 });
    await grade('potential');
  });

  it('stops an automation whose actions trigger it again at the depth limit, with the chain in the run log', async () => {
    const lead = await created(m.users.rep_east.api, 'lead', { title: 'Loop' });
    await patched(m.users.rep_east.api, 'lead', lead.id, { counter: 1 });
    const stopped = await eventually(async () => (await runsOf(db, 'loop', lead.id)).find((r) => r.status === 'stopped'), 30_000, 'the stopped run');
    expect(stopped.error.code).toBe('automation.depth');
    expect(stopped.error.message).toMatch(/^automation depth limit 5 reached: loop -> loop -> loop -> loop -> loop -> loop/);
    const record = (await server.admin.get(`/api/objects/lead/records/${lead.id}`)).body;
    expect(record.counter).toBe(6); // the user's 1, then five automated writes
    expect((await runsOf(db, 'loop', lead.id)).filter((r) => r.status === 'succeeded')).toHaveLength(5);
  });

  it('cuts off a JSONata condition that runs too long and logs it, without running the actions', async () => {
    const lead = await created(m.users.rep_east.api, 'lead', { title: 'Slow' });
    const started = Date.now();
    await patched(m.users.rep_east.api, 'lead', lead.id, { note: 'slow' });
    const [run] = await eventually(() => runsOf(db, 'slow', lead.id).then((r) => (r.length ? r : undefined)), 20_000, 'the slow run');
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ code: expect.stringMatching(/^expression\.(timeout|evaluate)$/), path: '/when' });
    expect(run.error.message).toContain('automation:slow/when/expression');
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(await notificationsOf(m.users.rep_east.id, '不该执行%')).toHaveLength(0);
  });

  it('file.attached: a technical proposal upload asks the manager for a review', async () => {
    const lead = await created(m.users.rep_east.api, 'lead', { title: 'Proposal' });
    const up = await uploadPdf(m.users.rep_east.api, m.users.rep_east.accessToken, `/api/objects/lead/records/${lead.id}/files/docs`, 'tech_proposal');
    expect(up.status).toBe(201);
    await eventually(() => notificationsOf(m.users.manager_east.id, 'Review the technical proposal: Proposal').then((r) => r.length), 20_000, 'the review request');
  });

  it('assignOwner: round robin spreads web leads evenly over the reps, and writes the history', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await created(server.admin, 'lead', { title: `Web ${i}`, source: 'web' })).id);
    const owners = await eventually(async () => {
      const r = await rows<{ owner_id: string }>(db, `SELECT "owner_id" FROM "data"."lead" WHERE "id" = ANY($1::uuid[])`, [ids]);
      return r.every((x) => x.owner_id !== m.users.admin.id) ? r.map((x) => x.owner_id) : undefined;
    }, 20_000, 'assignments');
    const reps = [m.users.rep_east.id, m.users.rep_south.id];
    expect(owners.filter((o) => o === reps[0])).toHaveLength(2);
    expect(owners.filter((o) => o === reps[1])).toHaveLength(2);
    const history = (await server.admin.get(`/api/objects/lead/records/${ids[0]}/history`)).body.items;
    expect(history.some((h: any) => h.action === 'transfer' && h.changes.some((c: any) => c.field === 'owner_id' && c.old === m.users.admin.id && reps.includes(c.new)))).toBe(true);
  });

  it('assignOwner: maps the region to a user or to a unit', async () => {
    const south = await created(server.admin, 'lead', { title: 'Ref south', source: 'referral', region: 'south' });
    const east = await created(server.admin, 'lead', { title: 'Ref east', source: 'referral', region: 'east' });
    const ownerOf = (id: string) => rows<{ owner_id: string }>(db, `SELECT "owner_id" FROM "data"."lead" WHERE "id" = $1`, [id]).then((r) => r[0].owner_id);
    await eventually(async () => (await ownerOf(south.id)) === m.users.rep_south.id, 20_000, 'south to rep_south');
    await eventually(async () => (await ownerOf(east.id)) === m.users.rep_east.id, 20_000, 'east to the only member of east_shanghai');
  });

  it('relative: a date field fires its offset after the date', async () => {
    const at = new Date(Date.now() + 500).toISOString();
    const lead = await created(m.users.rep_south.api, 'lead', { title: 'Call back', follow_up_on: at });
    await eventually(() => notificationsOf(m.users.rep_south.id, '该跟进了: Call back').then((r) => r.length), 20_000, 'the follow-up reminder');
    const runs = await runsOf(db, 'follow_up_due', lead.id);
    expect(runs.map((r) => r.status)).toEqual(['succeeded']);
  });

  it('stage.entered, stage.overdue, field.changed -> start an approval, approval.finished', async () => {
    const opp = await created(m.users.rep_east.api, 'opportunity', { title: 'Big valve deal', region: 'east', amount: 100 });
    // lead times out after a second: the overdue automation sets the region.
    await eventually(async () => (await server.admin.get(`/api/objects/opportunity/records/${opp.id}`)).body.region === 'west', 20_000, 'the overdue action');
    const moved = await m.users.rep_east.api.post(`/api/objects/opportunity/records/${opp.id}/stage`, { stage: 'confirm' });
    expect(moved.status).toBe(200);
    await eventually(() => notificationsOf(m.users.director.id, 'Big valve deal entered confirm').then((r) => r.length), 20_000, 'the stage notice');
    await patched(m.users.rep_east.api, 'opportunity', opp.id, { amount: 600000 });
    const task = await eventually(async () => (await m.users.manager_east.api.get('/api/approvals/tasks?state=pending')).body.items?.find((t: any) => t.record?.id === opp.id), 20_000, 'the approval task');
    const approved = await m.users.manager_east.api.post(`/api/approvals/tasks/${task.task.id}/approve`, {});
    expect(approved.status).toBeLessThan(300);
    await eventually(() => notificationsOf(m.users.rep_east.id, '折扣已批准: Big valve deal').then((r) => r.length), 20_000, 'the approval notice');
  });

  it('schedule: runs over the records its where selects', async () => {
    const lost = await created(m.users.rep_east.api, 'lead', { title: 'Gone', status: 'lost' });
    const kept = await created(m.users.rep_east.api, 'lead', { title: 'Kept', status: 'new' });
    await eventually(async () => (await server.admin.get(`/api/objects/lead/records/${lost.id}`)).body.grade === 'risk', 20_000, 'the scheduled grade');
    expect((await server.admin.get(`/api/objects/lead/records/${kept.id}`)).body.grade ?? null).toBeNull();
  });

  it('notifications: unread count, mark one read, mark all read', async () => {
    const api = m.users.manager_east.api;
    const before = (await api.get('/api/notifications/unread-count')).body.unread;
    expect(before).toBeGreaterThan(0);
    const list = await api.get('/api/notifications?unread=true');
    expect(list.body.unread).toBe(before);
    const read = await api.post(`/api/notifications/${list.body.items[0].id}/read`);
    expect(read.status).toBe(200);
    expect((await api.get('/api/notifications/unread-count')).body.unread).toBe(before - 1);
    expect((await api.post('/api/notifications/read-all')).body.marked).toBe(before - 1);
    expect((await api.get('/api/notifications/unread-count')).body.unread).toBe(0);
  });
});
