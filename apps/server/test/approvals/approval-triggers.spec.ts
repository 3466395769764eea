import type { ApprovalFlowDefinition } from '@tessera/metadata';
import { DataSource } from 'typeorm';
import { pipelineMetadata } from '../fixtures/pipeline-metadata';
import type { ApiClient } from '../support/api-client';
import { createOrgMatrix, type OrgMatrix } from '../support/org-matrix';
import { ADMIN_PASSWORD, startTesseraServer, type TesseraServer } from '../support/tessera-server';
import { eventually, expectStatus } from './approval-test.support';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });

const onQuoteStage: ApprovalFlowDefinition = {
  kind: 'approvalFlow',
  key: 'quote_stage',
  object: 'opportunity',
  label: l('报价阶段审批', 'Quote stage approval'),
  start: { manual: false, onStageEnter: ['quote'] },
  steps: [{ key: 'regional', label: l('区域经理', 'Regional manager'), approvers: [{ kind: 'role', role: 'sales_manager', scope: 'ownerChain' }] }],
};

const bigDeal: ApprovalFlowDefinition = {
  kind: 'approvalFlow',
  key: 'big_deal',
  object: 'opportunity',
  label: l('大单审批', 'Big deal approval'),
  start: { manual: false, onSave: { kind: 'expression', expression: 'amount > 1000000', message: l('超过一百万', 'Above one million') } },
  steps: [{ key: 'director', label: l('销售总监', 'Sales director'), approvers: [{ kind: 'role', role: 'sales_director', scope: 'anywhere' }] }],
};

describe('automatic starts', () => {
  let server: TesseraServer;
  let m: OrgMatrix;
  let db: DataSource;

  beforeAll(async () => {
    server = await startTesseraServer([...pipelineMetadata(), onQuoteStage, bigDeal], { TIMER_POLL_INTERVAL: 'PT0.1S' });
    m = await createOrgMatrix(server, ADMIN_PASSWORD);
    db = server.app.app.get(DataSource);
  }, 120_000);
  afterAll(() => server?.close());

  const create = async (api: ApiClient, amount: number) => expectStatus(await api.post('/api/objects/opportunity/records', { title: `Opp ${amount}`, amount, region: 'east' }), 201).id as string;
  const instances = async (id: string, flow: string) => (expectStatus(await server.admin.get(`/api/objects/opportunity/records/${id}/approvals`), 200).instances as Array<{ flow: string; state: string; submittedBy: { id: string } }>).filter((i) => i.flow === flow);
  const move = (api: ApiClient, id: string, stage: string) => api.post(`/api/objects/opportunity/records/${id}/stage`, { stage });
  const settled = () => new Promise((r) => setTimeout(r, 800));

  it('entering a stage starts its flow, submitted by whoever moved the record', async () => {
    const rep = m.users.rep_east.api;
    const id = await create(rep, 10000);
    expectStatus(await move(rep, id, 'confirm'), 200);
    await settled();
    expect(await instances(id, 'quote_stage')).toEqual([]);
    expectStatus(await move(rep, id, 'quote'), 200);
    const [started] = await eventually(async () => {
      const list = await instances(id, 'quote_stage');
      return list.length ? list : undefined;
    }, 10_000, 'the stage-entry start');
    expect([started.state, started.submittedBy.id]).toEqual(['pending', m.users.rep_east.id]);
    // The flow locks the record: the next move waits for the approval.
    expect((await move(rep, id, 'negotiate')).status).toBe(423);
  });

  it('a save that makes the onSave condition true starts the flow once', async () => {
    const rep = m.users.rep_east.api;
    const id = await create(rep, 2_000_000);
    await eventually(async () => (await instances(id, 'big_deal')).length === 1, 10_000, 'the on-save start');
    const task = (await eventually(async () => expectStatus(await m.users.director.api.get('/api/approvals/tasks?state=pending'), 200).items.find((r: { record: { id: string } }) => r.record.id === id), 5_000, 'the task')).task.id;
    expectStatus(await m.users.director.api.post(`/api/approvals/tasks/${task}/approve`, {}), 200);
    // Still above the threshold: an unrelated edit starts nothing.
    expectStatus(await rep.patch(`/api/objects/opportunity/records/${id}`, { title: 'renamed' }), 200);
    await settled();
    expect(await instances(id, 'big_deal')).toHaveLength(1);
    // Down and up again: a new approval.
    expectStatus(await rep.patch(`/api/objects/opportunity/records/${id}`, { amount: 500 }), 200);
    expectStatus(await rep.patch(`/api/objects/opportunity/records/${id}`, { amount: 3_000_000 }), 200);
    await eventually(async () => (await instances(id, 'big_deal')).length === 2, 10_000, 'the second start');
  });

  it('a start nobody can approve is told to the user who triggered it', async () => {
    // South China has no regional manager.
    const rep = m.users.rep_south.api;
    const id = await create(rep, 10000);
    expectStatus(await move(rep, id, 'confirm'), 200);
    expectStatus(await move(rep, id, 'quote'), 200);
    const notice = await eventually(async () => (await db.query(`SELECT "title", "body" FROM "notification" WHERE "user_id" = $1 AND "record_id" = $2 AND "source" = 'approval.start-failed'`, [m.users.rep_south.id, id]))[0], 10_000, 'the failure notice');
    expect(notice.title['zh-CN']).toContain('报价阶段审批');
    expect(notice.body.en).toContain('resolve to nobody');
    expect(await instances(id, 'quote_stage')).toEqual([]);
  });
});
