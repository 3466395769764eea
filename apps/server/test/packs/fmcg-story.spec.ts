import { startTesseraServer, type TesseraServer } from '../support/tessera-server';
import {
  allRecords, DEMO_PASSWORD, eventually, expectOk, importPack, JPEG, notificationsOf, packBundle, PDF, shortenDurations, signInUser, uploadFiles, type SignedIn,
} from './pack-test.support';

/**
 * The beverage company's story (seed article 001), over the HTTP API and the shipped pack
 * only, on a shortened clock (the pack's "7 days" become a few seconds).
 */
describe('FMCG beverage: the article\'s story', () => {
  let server: TesseraServer;
  let rep: SignedIn;
  let supervisor: SignedIn;
  let otherSupervisor: SignedIn;
  let distributorId: string;
  let dealId: string;

  const move = (id: string, stage: string) => rep.api.post(`/api/objects/deal/records/${id}/stage`, { stage });
  const unmetOf = (res: { body: any }) => JSON.stringify(res.body.unmet ?? res.body.errors);
  const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    server = await startTesseraServer(undefined, { DEMO_PASSWORD, TIMER_POLL_INTERVAL: 'PT0.2S', OUTBOX_POLL_INTERVAL: 'PT0.1S', JOB_BACKOFF: 'PT0.2S' });
    const bundle = await packBundle('fmcg-beverage');
    bundle.documents = shortenDurations(bundle.documents, 'PT4S');
    await expectOk(importPack(server.admin, bundle, '?demoData=true'));
    // bev.rep001 works in the first office (上海), whose supervisor is bev.sup.bev_sh.
    [rep, supervisor, otherSupervisor] = await Promise.all(['bev.rep001', 'bev.sup.bev_sh', 'bev.sup.bev_hz'].map((u) => signInUser(server.anonymous, u)));
  }, 120_000);
  afterAll(() => server?.close());

  it('puts 420 reps in 32 city offices under 6 regions, each office with its supervisor', async () => {
    const units = await expectOk(server.admin.get('/api/admin/org-units'));
    const items: Array<{ key: string; depth: number; managerUserId: string | null; memberCount: number }> = units.items ?? units;
    const offices = items.filter((u) => u.key.startsWith('bev_') && u.depth === 2);
    expect(offices).toHaveLength(32);
    expect(items.filter((u) => ['bev_east', 'bev_north', 'bev_south', 'bev_central', 'bev_west', 'bev_northeast'].includes(u.key))).toHaveLength(6);
    expect(offices.every((o) => o.managerUserId !== null)).toBe(true);
    const reps = offices.reduce((n, o) => n + o.memberCount, 0) - offices.length;
    expect(reps).toBe(420);
  });

  it('a rep logs a visit with a GPS check-in and photos; a visit without the check-in is refused', async () => {
    const distributor = await expectOk(rep.api.post('/api/objects/distributor/records', { name: '上海鑫源食品贸易有限公司', channel: 'distributor', license_no: '913101150000TEST1', city: '上海' }), 201);
    distributorId = distributor.id;
    expect(distributor.code).toMatch(/^JXS-\d{6}$/);
    const deal = await expectOk(rep.api.post('/api/objects/deal/records', { name: '果汁进场洽谈', distributor: distributorId, amount: 360000 }), 201);
    dealId = deal.id;
    expect(deal).toMatchObject({ stage: 'first_contact', risk_flag: 'green' });

    const base = { summary: '首次拜访,介绍新品果汁', distributor: distributorId, deal: dealId, purpose: 'first_visit', visit_date: today(), checkin_at: new Date().toISOString() };
    const noGps = await rep.api.post('/api/objects/visit/records', base);
    expect(noGps.status).toBe(422);
    expect(noGps.body.errors.map((e: { path: string }) => e.path)).toContain('/checkin_location');

    const visit = await expectOk(rep.api.post('/api/objects/visit/records', { ...base, checkin_location: { lat: 31.2304, lng: 121.4737, accuracy: 12 } }), 201);
    const photos = await uploadFiles(server.app.url, rep, 'visit', visit.id, 'photos', 'storefront', [
      { name: '门头.jpg', type: 'image/jpeg', bytes: JPEG(1) },
      { name: '货架.jpg', type: 'image/jpeg', bytes: JPEG(2) },
    ]);
    expect(photos.status).toBe(201);
    const files = await expectOk(rep.api.get(`/api/objects/visit/records/${visit.id}/files`));
    expect(files.items).toHaveLength(2);
    expect((await expectOk(rep.api.get(`/api/objects/distributor/records/${distributorId}`))).visit_count).toBe(1);
  });

  it('moves through 首次接洽 and 样品试用 only when their required actions are done', async () => {
    const early = await move(dealId, 'sample_trial');
    expect(early.status).toBe(422);
    expect(unmetOf(early)).toContain('decision_maker');
    await expectOk(rep.api.patch(`/api/objects/deal/records/${dealId}`, { decision_maker: '王老板', products: ['juice', 'tea'] }));
    await expectOk(move(dealId, 'sample_trial'));

    const trial = await expectOk(rep.api.post('/api/objects/sample_trial/records', { distributor: distributorId, deal: dealId, product: 'juice', cases: 5, sent_date: today() }), 201);
    const waiting = await move(dealId, 'presentation');
    expect(waiting.status).toBe(422);
    expect(unmetOf(waiting)).toContain('feedback');
    await expectOk(rep.api.patch(`/api/objects/sample_trial/records/${trial.id}`, { feedback: 'positive', feedback_notes: '口感认可' }));
    await expectOk(move(dealId, 'presentation'));
  });

  it('方案演示 is blocked until both the meeting minutes PDF and the customer\'s signed confirmation photo are uploaded', async () => {
    await expectOk(rep.api.patch(`/api/objects/deal/records/${dealId}`, { quote_amount: 350000, quote_sent_date: today() }));
    const none = await move(dealId, 'quote_feedback');
    expect(none.status).toBe(422);
    expect(unmetOf(none)).toContain('meeting_minutes');
    expect(unmetOf(none)).toContain('signed_confirmation');

    expect((await uploadFiles(server.app.url, rep, 'deal', dealId, 'documents', 'meeting_minutes', [{ name: '会议纪要.pdf', type: 'application/pdf', bytes: PDF('minutes') }])).status).toBe(201);
    const half = await move(dealId, 'quote_feedback');
    expect(half.status).toBe(422);
    expect(unmetOf(half)).not.toContain('meeting_minutes');
    expect(unmetOf(half)).toContain('signed_confirmation');

    expect((await uploadFiles(server.app.url, rep, 'deal', dealId, 'documents', 'signed_confirmation', [{ name: '签字确认单.jpg', type: 'image/jpeg', bytes: JPEG(3) }])).status).toBe(201);
    const moved = await expectOk(move(dealId, 'quote_feedback'));
    expect(moved.stage.key).toBe('quote_feedback');
  });

  it('报价待反馈 left too long turns the deal red and tells the office supervisor, not another office\'s', async () => {
    const overdue = await eventually(async () => {
      const view = await expectOk(rep.api.get(`/api/objects/deal/records/${dealId}/pipeline`));
      return view.overdue ? view : undefined;
    }, 30_000);
    expect(overdue.stage.key).toBe('quote_feedback');
    const red = await eventually(async () => {
      const deal = await expectOk(rep.api.get(`/api/objects/deal/records/${dealId}`));
      return deal.risk_flag === 'red' ? deal : undefined;
    }, 30_000);
    expect(red.risk_flag).toBe('red');
    const notice = await eventually(async () => (await notificationsOf(supervisor)).find((n) => n.title.includes('果汁进场洽谈')));
    expect(notice.title).toContain('红色风险');
    expect((await notificationsOf(otherSupervisor)).some((n) => n.title.includes('果汁进场洽谈'))).toBe(false);
    // The supervisor sees the red deal among their office's deals.
    const filter = encodeURIComponent(JSON.stringify({ field: 'risk_flag', op: 'eq', value: 'red' }));
    expect((await allRecords(supervisor.api, 'deal', `&filter=${filter}`)).map((d) => d.id)).toContain(dealId);
  }, 60_000);

  it('scores the rep\'s process compliance: stages entered against stages overdue', async () => {
    const deal = await eventually(async () => {
      const d = await expectOk(rep.api.get(`/api/objects/deal/records/${dealId}`));
      return d.stages_entered >= 4 && d.stages_overdue >= 1 ? d : undefined;
    }, 30_000);
    expect(deal.compliance_score).toBe(Math.round(((deal.stages_entered - deal.stages_overdue) / deal.stages_entered) * 1000) / 10);
    expect(deal.compliance_score).toBeLessThan(100);
  }, 60_000);
});
