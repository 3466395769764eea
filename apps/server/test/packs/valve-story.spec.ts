import { startTesseraServer, type TesseraServer } from '../support/tessera-server';
import {
  DEMO_PASSWORD, eventually, expectOk, importPack, notificationsOf, packBundle, pendingTasks, PDF, shortenDurations, signInUser, uploadFiles, type SignedIn,
} from './pack-test.support';

/**
 * The valve manufacturer's story (seed article 000), over the HTTP API and the shipped
 * pack only. The pack is imported on a shortened clock: every stage timeout, approval SLA
 * and relative offset of the pack becomes a few seconds, so "8 hours" and "60 days" can
 * be watched happen.
 */
describe('valve manufacturer: the article\'s story', () => {
  let server: TesseraServer;
  let rep: SignedIn;
  let otherRep: SignedIn;
  let manager: SignedIn;
  let director: SignedIn;
  let gm: SignedIn;
  let tech: SignedIn;
  let finance: SignedIn;
  let customerId: string;
  let opportunityId: string;

  const move = (user: SignedIn, id: string, stage: string, extra: Record<string, unknown> = {}) => user.api.post(`/api/objects/opportunity/records/${id}/stage`, { stage, ...extra });
  const unmetOf = (res: { body: any }) => JSON.stringify(res.body.unmet ?? res.body.errors);

  beforeAll(async () => {
    server = await startTesseraServer(undefined, { DEMO_PASSWORD, TIMER_POLL_INTERVAL: 'PT0.2S', OUTBOX_POLL_INTERVAL: 'PT0.1S', JOB_BACKOFF: 'PT0.2S' });
    const bundle = await packBundle('valve-manufacturing');
    bundle.documents = shortenDurations(bundle.documents, 'PT3S');
    await expectOk(importPack(server.admin, bundle, '?demoData=true'));
    // Reps are placed in 华东 and 华南 in turn: rep01 in the east, rep02 in the south.
    [rep, otherRep, manager, director, gm, tech, finance] = await Promise.all(
      ['valve.rep01', 'valve.rep02', 'valve.rm.east', 'valve.director', 'valve.gm', 'valve.tech', 'valve.finance'].map((u) => signInUser(server.anonymous, u)),
    );
  }, 120_000);
  afterAll(() => server?.close());

  it('a rep creates a customer; a second rep\'s duplicate (same tax id, written differently) is refused with a link to it', async () => {
    const created = await expectOk(rep.api.post('/api/objects/customer/records', { name: '宁波海港石化有限公司', tax_id: '91330200MA2CXW1K7Y', region: 'east', industry: 'petrochemical' }), 201);
    customerId = created.id;
    const dup = await otherRep.api.post('/api/objects/customer/records', { name: '海港石化(宁波)', tax_id: '91330200ma2cxw1k7y', region: 'south', industry: 'petrochemical' });
    expect(dup.status).toBe(409);
    expect(dup.body.duplicate).toMatchObject({ object: 'customer', id: customerId });
    expect(dup.body.errors[0].path).toBe('/tax_id');
    // The second rep cannot read the customer: duplicates are found even outside one's rows.
    expect((await otherRep.api.get(`/api/objects/customer/records/${customerId}`)).status).toBe(404);
  });

  it('an opportunity is blocked at 需求确认 until the customer requirement survey is uploaded', async () => {
    const opp = await expectOk(rep.api.post('/api/objects/opportunity/records', { name: '一期管网阀门改造', customer: customerId, amount: 300000, project_type: 'retrofit', valve_types: ['ball', 'butterfly'] }), 201);
    opportunityId = opp.id;
    expect(opp.stage).toBe('lead');
    await expectOk(move(rep, opportunityId, 'requirement'));

    const blocked = await move(rep, opportunityId, 'solution');
    expect(blocked.status).toBe(422);
    expect(unmetOf(blocked)).toContain('requirement_survey');

    expect((await uploadFiles(server.app.url, rep, 'opportunity', opportunityId, 'documents', 'requirement_survey', [{ name: '需求调研表.pdf', type: 'application/pdf', bytes: PDF('survey') }])).status).toBe(201);
    const moved = await expectOk(move(rep, opportunityId, 'solution'));
    expect(moved.stage.key).toBe('solution');
  });

  it('uploading the technical proposal starts the engineering review, then the finance cost check; 报价审批 needs that confirmation', async () => {
    const early = await move(rep, opportunityId, 'quotation');
    expect(early.status).toBe(422);
    expect(unmetOf(early)).toContain('tech_proposal');

    expect((await uploadFiles(server.app.url, rep, 'opportunity', opportunityId, 'documents', 'tech_proposal', [{ name: '技术方案.pdf', type: 'application/pdf', bytes: PDF('proposal') }])).status).toBe(201);
    const techTask = await eventually(async () => (await pendingTasks(tech)).find((t) => t.record.id === opportunityId));
    expect(techTask.instance.flow).toBe('tech_review');
    expect((await notificationsOf(tech)).some((n) => n.title.includes('一期管网阀门改造'))).toBe(true);
    // Still waiting for engineering: the quote-approval stage is closed.
    expect((await move(rep, opportunityId, 'quotation')).status).toBe(422);

    await expectOk(tech.api.post(`/api/approvals/tasks/${techTask.task.id}/approve`, { comment: '参数核对无误' }));
    const financeTask = await eventually(async () => (await pendingTasks(finance)).find((t) => t.record.id === opportunityId));
    expect(financeTask.task.step).toBe('finance_cost');
    await expectOk(finance.api.post(`/api/approvals/tasks/${financeTask.task.id}/approve`, {}));

    const moved = await expectOk(move(rep, opportunityId, 'quotation'));
    expect(moved.stage).toMatchObject({ key: 'quotation', probability: 70 });
  });

  it('a quote below cost warns until the rep confirms it; an old tax rate is refused', async () => {
    const base = { opportunity: opportunityId, customer: customerId, tax_rate: 13 };
    const low = await rep.api.post('/api/objects/quote/records', { ...base, amount: 100000, cost: 120000 });
    expect(low.status).toBe(409);
    expect(low.body.warnings).toEqual(['below_cost']);
    const confirmed = await expectOk(rep.api.post('/api/objects/quote/records', { ...base, amount: 100000, cost: 120000 }, { 'Acknowledge-Warnings': 'below_cost' }), 201);
    expect(confirmed.quote_no).toMatch(/^BJ-\d{4}-\d{5}$/);
    expect(confirmed.gross_margin).toBeLessThan(0);

    const oldRate = await rep.api.post('/api/objects/quote/records', { ...base, amount: 100000, cost: 60000, tax_rate: 17 });
    expect(oldRate.status).toBe(422);
    expect(oldRate.body.errors[0].path).toBe('/tax_rate');
  });

  it('a ¥300k quote goes through the regional manager, the sales director and the GM; a step left for 8 hours escalates', async () => {
    const quote = await expectOk(rep.api.post('/api/objects/quote/records', { opportunity: opportunityId, customer: customerId, amount: 300000, cost: 180000, tax_rate: 13 }), 201);
    expect(quote.approval_status).toBe('draft');
    const instance = await expectOk(rep.api.post(`/api/objects/quote/records/${quote.id}/approvals`, { flow: 'quote_approval' }), 201);
    const route = JSON.stringify(instance);
    for (const step of ['regional_manager', 'sales_director', 'general_manager']) expect(route).toContain(step);
    expect((await pendingTasks(manager)).some((t) => t.record.id === quote.id)).toBe(true);

    // The regional manager lets the (shortened) 8 hours pass: the task goes up to their manager, the sales director.
    const escalated = await eventually(async () => (await pendingTasks(director)).find((t) => t.record.id === quote.id), 20_000);
    expect(escalated.task).toMatchObject({ step: 'regional_manager', origin: 'escalation' });
    expect((await pendingTasks(manager)).some((t) => t.record.id === quote.id)).toBe(false);
    await expectOk(director.api.post(`/api/approvals/tasks/${escalated.task.id}/approve`, {}));

    const directorStep = await eventually(async () => (await pendingTasks(director)).find((t) => t.record.id === quote.id && t.task.step === 'sales_director'));
    await expectOk(director.api.post(`/api/approvals/tasks/${directorStep.task.id}/approve`, {}));
    const gmStep = await eventually(async () => (await pendingTasks(gm)).find((t) => t.record.id === quote.id && t.task.step === 'general_manager'));
    const decided = await expectOk(gm.api.post(`/api/approvals/tasks/${gmStep.task.id}/approve`, { comment: '同意' }));
    expect(decided.outcome).toBe('approved');

    expect((await expectOk(rep.api.get(`/api/objects/quote/records/${quote.id}`))).approval_status).toBe('approved');
    // With an approved quote the project moves on to the contract.
    await expectOk(move(rep, opportunityId, 'contract'));
  }, 60_000);

  it('60 days without contact and a payment over 30 days overdue: the customer turns 风险客户 and the regional manager is told', async () => {
    // Dates as the pack counts them: calendar days in China (UTC+8).
    const day = (offset: number) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
    const quiet = await expectOk(rep.api.post('/api/objects/customer/records', { name: '嘉兴润泽热电有限公司', tax_id: '91330400MA29RZ0001', region: 'east', industry: 'power' }), 201);
    const paying = await expectOk(rep.api.post('/api/objects/customer/records', { name: '嘉兴宏达水务集团', tax_id: '91330400MA29HD0002', region: 'east', industry: 'water' }), 201);
    for (const c of [quiet, paying]) {
      await expectOk(rep.api.post('/api/objects/activity/records', { subject: '年度采购计划沟通', customer: c.id, activity_type: 'visit', activity_date: day(-61) }), 201);
    }
    // Finance records the payments: one 40 days overdue, one paid.
    const overdue = await expectOk(finance.api.post('/api/objects/payment/records', { customer: quiet.id, due_date: day(-40), amount: 50000, paid_amount: 0 }), 201);
    expect(overdue.overdue_days).toBe(40);
    await expectOk(finance.api.post('/api/objects/payment/records', { customer: paying.id, due_date: day(-40), amount: 50000, paid_amount: 50000, paid_date: day(-41) }), 201);
    expect((await expectOk(rep.api.get(`/api/objects/customer/records/${quiet.id}`))).max_overdue_days).toBe(40);

    const flagged = await eventually(async () => {
      const c = await expectOk(rep.api.get(`/api/objects/customer/records/${quiet.id}`));
      return c.classification === 'risk' ? c : undefined;
    }, 30_000);
    expect(flagged.classification).toBe('risk');
    const notice = await eventually(async () => (await notificationsOf(manager)).find((n) => n.title.includes('嘉兴润泽热电有限公司')));
    expect(notice.body).toContain('40');
    // The customer who paid stays as they were.
    expect((await expectOk(rep.api.get(`/api/objects/customer/records/${paying.id}`))).classification).not.toBe('risk');
  }, 60_000);
});
