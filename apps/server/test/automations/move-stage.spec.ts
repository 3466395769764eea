import type { AutomationDefinition } from '@tessera/metadata';
import { DataSource } from 'typeorm';
import { discountFlow, opportunity, testPipeline, visit } from '../fixtures/pipeline-metadata';
import { createOrgMatrix, matrixRoleDocuments, type OrgMatrix } from '../support/org-matrix';
import { startTesseraServer, type TesseraServer } from '../support/tessera-server';
import { created, eventually, fastJobsEnv, JOB_MODES, patched, runsOf } from './automation-test.support';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const automation = (key: string, body: Omit<AutomationDefinition, 'kind' | 'key' | 'label'>): AutomationDefinition => ({ kind: 'automation', key, label: l(key, key), ...body });

/**
 * `moveStage` as an effect: an approval's outcome moves the record once the decision has
 * committed (the gate of `confirm` asks for that very approval), and automations move
 * through the same gate — blocked moves fail in the run log, `force` skips the gate.
 */
const metadata = [
  opportunity,
  visit,
  { ...discountFlow, onApproved: [{ kind: 'moveStage' as const, stage: 'confirm' }] },
  testPipeline({ confirm: { entry: [{ kind: 'approval', flow: 'discount' }] } }),
  automation('push_to_confirm', {
    object: 'opportunity',
    trigger: { on: 'fieldChanged', fields: ['amount'] },
    when: { kind: 'compare', field: 'amount', op: 'eq', value: '900000' },
    actions: [{ kind: 'moveStage', stage: 'confirm' }],
  }),
  automation('force_to_confirm', {
    object: 'opportunity',
    trigger: { on: 'fieldChanged', fields: ['amount'] },
    when: { kind: 'compare', field: 'amount', op: 'eq', value: '777' },
    actions: [{ kind: 'moveStage', stage: 'confirm', force: true }],
  }),
  automation('lose_in_west', {
    object: 'opportunity',
    trigger: { on: 'fieldChanged', fields: ['region'], to: 'west' },
    actions: [{ kind: 'moveStage', stage: 'lost', reason: 'competitor' }],
  }),
  ...matrixRoleDocuments(['opportunity', 'visit']),
];

describe.each(JOB_MODES)('moveStage effects (%s)', (_mode, modeEnv) => {
  let server: TesseraServer;
  let db: DataSource;
  let m: OrgMatrix;

  beforeAll(async () => {
    server = await startTesseraServer(metadata, fastJobsEnv(modeEnv));
    db = server.app.app.get(DataSource);
    m = await createOrgMatrix(server, 'admin-test-password-1');
  });
  afterAll(() => server?.close());

  const stageOf = async (id: string) => (await server.admin.get(`/api/objects/opportunity/records/${id}`)).body.stage as string;
  const visits = (id: string) => db.query(`SELECT "stage", "from_stage" AS "from" FROM "stage_history" WHERE "record_id" = $1 ORDER BY "entered_at"`, [id]);

  it('an approved flow moves the record into the stage whose gate asked for that approval', async () => {
    const opp = await created(m.users.rep_east.api, 'opportunity', { title: 'Gate after approval', amount: 1000 });
    expect((await m.users.rep_east.api.post(`/api/objects/opportunity/records/${opp.id}/stage`, { stage: 'confirm' })).status).toBe(422);
    expect((await m.users.rep_east.api.post(`/api/objects/opportunity/records/${opp.id}/approvals`, { flow: 'discount' })).status).toBe(201);
    const task = await eventually(async () => (await m.users.manager_east.api.get('/api/approvals/tasks?state=pending')).body.items?.find((t: any) => t.record?.id === opp.id), 10_000, 'the task');
    expect((await m.users.manager_east.api.post(`/api/approvals/tasks/${task.task.id}/approve`, {})).status).toBeLessThan(300);
    await eventually(async () => (await stageOf(opp.id)) === 'confirm', 20_000, 'the stage move');
    expect(await visits(opp.id)).toEqual([{ stage: 'lead', from: null }, { stage: 'confirm', from: 'lead' }]);
  });

  it('an automation move goes through the gate: refused moves fail in the run log, the stage stays', async () => {
    const opp = await created(m.users.rep_east.api, 'opportunity', { title: 'Pushed', amount: 1 });
    await patched(m.users.rep_east.api, 'opportunity', opp.id, { amount: 900000 });
    const failed = await eventually(async () => (await runsOf(db, 'push_to_confirm', opp.id)).find((r) => r.status === 'failed'), 20_000, 'the failed run');
    expect(failed.error).toMatchObject({ code: 'stage-blocked', errors: [{ path: '/stages/1/entry/0' }] });
    expect(await stageOf(opp.id)).toBe('lead');
  });

  it('force skips the gate; a lost move carries its reason', async () => {
    const forced = await created(m.users.rep_east.api, 'opportunity', { title: 'Forced', amount: 1 });
    await patched(m.users.rep_east.api, 'opportunity', forced.id, { amount: 777 });
    await eventually(async () => (await stageOf(forced.id)) === 'confirm', 20_000, 'the forced move');

    const lost = await created(m.users.rep_east.api, 'opportunity', { title: 'Lost in the west', region: 'east' });
    await patched(m.users.rep_east.api, 'opportunity', lost.id, { region: 'west' });
    await eventually(async () => (await stageOf(lost.id)) === 'lost', 20_000, 'the lost move');
    const [row] = await db.query(`SELECT "reason" FROM "stage_history" WHERE "record_id" = $1 AND "stage" = 'lost'`, [lost.id]);
    expect(row.reason).toBe('competitor');
  });
});
