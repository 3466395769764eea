import type { MetadataDocument } from '@tessera/metadata';
import path from 'node:path';
import { startTesseraServer, type TesseraServer } from '../support/tessera-server';
import { allRecords, DEMO_PASSWORD, expectOk, FIXTURE_PACKS_DIR, importPack, packBundle, signIn } from './pack-test.support';

const byName = (docs: MetadataDocument[]) =>
  Object.fromEntries(docs.map((d) => [d.kind === 'pack' ? d.name : `${d.kind}:${d.key}`, d]));

describe('template packs: both packs import into an empty database', () => {
  let server: TesseraServer;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    server = await startTesseraServer(undefined, { DEMO_PASSWORD });
  }, 60_000);
  afterAll(async () => {
    console.log(`pack import times (ms): ${JSON.stringify(timings)}`);
    await server?.close();
  });

  it('imports the valve pack with metadata, org units, demo users and demo records', async () => {
    const started = Date.now();
    const result = await expectOk(importPack(server.admin, await packBundle('valve-manufacturing'), '?demoData=true'));
    timings.valve = Date.now() - started;
    expect(result).toMatchObject({ pack: { name: 'valve-manufacturing', version: '1.0.0' }, action: 'install', previousVersion: null, metadata: { unchanged: false } });
    expect(result.orgUnits.created).toEqual(expect.arrayContaining(['valve_east', 'valve_south']));
    // 6 named users and 28 generated reps, one account per role to sign in with.
    expect(result.demo.users).toEqual({ created: 34, existing: 0 });
    expect(result.demo.accounts.map((a: { role: string }) => a.role).sort()).toEqual(['finance_dept', 'general_manager', 'regional_manager', 'sales_director', 'sales_rep', 'tech_dept']);
    expect(result.demo.password).toBeUndefined();

    const customers = await allRecords(server.admin, 'customer');
    expect(customers).toHaveLength(result.demo.records.customer);
    // Rollups are computed for imported children.
    expect(customers.filter((c) => c.last_interaction_date !== null).length).toBeGreaterThan(customers.length / 2);
    const opportunities = await allRecords(server.admin, 'opportunity');
    expect(new Set(opportunities.map((o) => o.stage)).size).toBeGreaterThanOrEqual(6);
  }, 120_000);

  it('imports the FMCG pack next to it, 420 reps and thousands of distributors in under a minute', async () => {
    const started = Date.now();
    const result = await expectOk(importPack(server.admin, await packBundle('fmcg-beverage'), '?demoData=true'));
    timings.fmcg = Date.now() - started;
    expect(timings.fmcg).toBeLessThan(60_000);
    expect(result.orgUnits.created).toHaveLength(1 + 1 + 6 + 32);
    const reps = await expectOk(server.admin.get('/api/admin/users?role=bev_rep&limit=1'));
    expect(reps.items).toHaveLength(1);
    expect(result.demo.records.distributor).toBeGreaterThanOrEqual(2000);

    const current = await expectOk(server.admin.get('/api/metadata/current'));
    const names = Object.keys(byName(current.documents));
    expect(names).toEqual(expect.arrayContaining(['object:customer', 'object:opportunity', 'object:distributor', 'object:deal', 'pipeline:deal_pipeline', 'role:bev_rep']));
    const packs = await expectOk(server.admin.get('/api/admin/packs'));
    expect(packs.items.map((p: { name: string; version: string }) => `${p.name}@${p.version}`)).toEqual(['fmcg-beverage@1.0.0', 'valve-manufacturing@1.0.0']);
  }, 120_000);

  it('places demo users where the pack says: a rep sees only their own customers, the regional manager their region', async () => {
    const rep = await signIn(server.anonymous, 'valve.rep01');
    const me = await expectOk(rep.get('/api/me'));
    const mine = await allRecords(rep, 'customer');
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((c) => c.owner_id === me.user.id)).toBe(true);
    const manager = await signIn(server.anonymous, 'valve.rm.east');
    const region = await allRecords(manager, 'customer');
    expect(region.length).toBeGreaterThan(mine.length);
    expect(region.every((c) => c.region === 'east')).toBe(true);
  });

  it('gives imported records their stage history: a past from creation, the current stay flagged overdue when past the timeout, timed otherwise', async () => {
    const filter = encodeURIComponent(JSON.stringify({ field: 'stage', op: 'eq', value: 'quote_feedback' }));
    const deals = await allRecords(server.admin, 'deal', `&filter=${filter}`);
    const views = await Promise.all(deals.slice(0, 60).map(async (d) => ({ deal: d, view: await expectOk(server.admin.get(`/api/objects/deal/records/${d.id}/pipeline`)) })));
    const days = (iso: string) => (Date.now() - Date.parse(iso)) / 86_400_000;
    const old = views.find((x) => days(x.view.enteredAt) > 8)!;
    const fresh = views.find((x) => days(x.view.enteredAt) < 6)!;
    // Demo deals have a made-up past (stageHistory): from the first stage at creation to the current stay.
    expect(old.view.history[0]).toMatchObject({ move: 'create', from: null });
    expect(Date.parse(old.view.history[0].enteredAt)).toBe(Date.parse(old.deal.created_at));
    expect(old.view.history[old.view.history.length - 1]).toMatchObject({ stage: 'quote_feedback', exitedAt: null });
    expect(old.view).toMatchObject({ overdue: true, dueAt: null });
    expect(fresh.view.overdue).toBe(false);
    expect(Date.parse(fresh.view.dueAt) - Date.parse(fresh.view.enteredAt)).toBe(7 * 86_400_000);
  });

  it('refuses a second import of the same demo data and keeps the records as they are', async () => {
    const before = (await allRecords(server.admin, 'customer')).length;
    const again = await expectOk(importPack(server.admin, await packBundle('valve-manufacturing'), '?demoData=true'));
    expect(again).toMatchObject({ action: 'reinstall', metadata: { unchanged: true }, demo: { skipped: 'already-loaded' } });
    expect(await allRecords(server.admin, 'customer')).toHaveLength(before);
  }, 60_000);
});

describe('template packs: a broken pack changes nothing', () => {
  let server: TesseraServer;
  beforeAll(async () => {
    server = await startTesseraServer(undefined, { DEMO_PASSWORD });
  }, 60_000);
  afterAll(() => server?.close());

  async function nothingChanged(): Promise<void> {
    expect((await expectOk(server.admin.get('/api/metadata/current'))).version).toBe(0);
    expect((await expectOk(server.admin.get('/api/admin/packs'))).items).toEqual([]);
    const units = await expectOk(server.admin.get('/api/admin/org-units'));
    expect(JSON.stringify(units)).not.toContain('upg_hq');
    expect((await expectOk(server.admin.get('/api/admin/users?q=upg.'))).items).toEqual([]);
  }

  it('refuses a pack with one invalid document, pointing at the document and the spot', async () => {
    const bundle = await packBundle(path.join(FIXTURE_PACKS_DIR, 'upgrade-1.0'));
    (bundle.documents['pipeline.json'] as { stageField: string }).stageField = 'no_such_field';
    const res = await importPack(server.admin, bundle, '?demoData=true');
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors).toContainEqual(expect.objectContaining({ path: '/documents/pipeline.json/stageField' }));
    await nothingChanged();
  });

  it('rolls everything back when a demo record fails the engine halfway through the import', async () => {
    const bundle = await packBundle(path.join(FIXTURE_PACKS_DIR, 'upgrade-1.0'));
    // A negative amount passes the lint (it is a decimal) but not the field's minimum.
    (bundle.demo!['demo/deals.json'] as { records: Array<{ values: Record<string, unknown> }> }).records[0].values.amount = -5;
    const res = await importPack(server.admin, bundle, '?demoData=true');
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('/demo/demo~1deals.json/0/amount');
    await nothingChanged();
  });
});

describe('template packs: export and import round-trip', () => {
  let first: TesseraServer;
  let second: TesseraServer;
  beforeAll(async () => {
    first = await startTesseraServer(undefined, { DEMO_PASSWORD });
    second = await startTesseraServer(undefined, { DEMO_PASSWORD });
  }, 60_000);
  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  it('exports a pack that imports to the same metadata', async () => {
    await expectOk(importPack(first.admin, await packBundle('valve-manufacturing', false)));
    const exported = await expectOk(first.admin.get('/api/admin/packs/valve-manufacturing/export'));
    expect(exported.demo).toBeUndefined();
    expect(exported.manifest).toMatchObject({ name: 'valve-manufacturing', version: '1.0.0' });
    expect(exported.manifest.demo).toBeUndefined();

    await expectOk(importPack(second.admin, exported));
    const a = await expectOk(first.admin.get('/api/metadata/current'));
    const b = await expectOk(second.admin.get('/api/metadata/current'));
    expect(byName(b.documents)).toEqual(byName(a.documents));
    expect(await expectOk(second.admin.get('/api/admin/packs/valve-manufacturing/export'))).toEqual(exported);
  }, 60_000);

  it('answers 404 for a pack that is not installed', async () => {
    expect((await first.admin.get('/api/admin/packs/no-such-pack/export')).status).toBe(404);
  });
});

describe('template packs: upgrade from 1.0 to 1.1', () => {
  let server: TesseraServer;
  beforeAll(async () => {
    server = await startTesseraServer(undefined, { DEMO_PASSWORD });
  }, 60_000);
  afterAll(() => server?.close());

  it('plans the upgrade as safe, applies the new field and stage, and keeps every record', async () => {
    await expectOk(importPack(server.admin, await packBundle(path.join(FIXTURE_PACKS_DIR, 'upgrade-1.0')), '?demoData=true'));
    const dealsBefore = await allRecords(server.admin, 'upg_deal');
    const accountsBefore = await allRecords(server.admin, 'upg_account');
    expect(dealsBefore).toHaveLength(61);

    const v11 = await packBundle(path.join(FIXTURE_PACKS_DIR, 'upgrade-1.1'));
    const plan = await expectOk(server.admin.post('/api/admin/packs/plan', v11));
    expect(plan).toMatchObject({ action: 'upgrade', previousVersion: '1.0.0', ok: true, errors: [] });
    expect(plan.documents.map((d: { name: string; status: string; safe: boolean }) => [d.name, d.status, d.safe]).sort()).toEqual([
      ['object:upg_deal', 'changed', true],
      ['pipeline:upg_pipeline', 'changed', true],
    ]);
    // The plan wrote nothing.
    expect((await expectOk(server.admin.get('/api/admin/packs'))).items[0].version).toBe('1.0.0');

    const result = await expectOk(importPack(server.admin, v11, '?demoData=true'));
    expect(result).toMatchObject({ action: 'upgrade', previousVersion: '1.0.0', demo: { skipped: 'already-loaded' } });

    const strip = (r: Record<string, unknown>) => {
      const { priority: _p, ...rest } = r;
      return rest;
    };
    const dealsAfter = await allRecords(server.admin, 'upg_deal');
    expect(dealsAfter.map(strip)).toEqual(dealsBefore.map(strip));
    expect(dealsAfter.every((d) => d.priority === null)).toBe(true);
    expect(await allRecords(server.admin, 'upg_account')).toEqual(accountsBefore);

    const first = dealsAfter.find((d) => d.title === '第一个商机');
    expect(first).toMatchObject({ amount: 125000.5, stage: 'propose' });
    const moved = await server.admin.post(`/api/objects/upg_deal/records/${first.id}/stage`, { stage: 'negotiate' });
    expect(moved.status).toBe(200);
    const blocked = await server.admin.post(`/api/objects/upg_deal/records/${first.id}/stage`, { stage: 'won' });
    expect(blocked.status).toBe(422);
  }, 60_000);

  it('plans a version that drops a field holding values as destructive, and takes it with retire', async () => {
    const v12 = await packBundle(path.join(FIXTURE_PACKS_DIR, 'upgrade-1.1'), false);
    (v12.manifest as { version: string }).version = '1.2.0';
    const deal = v12.documents['objects/deal.json'] as { fields: Array<{ key: string }> };
    deal.fields = deal.fields.filter((f) => f.key !== 'amount');
    delete (v12.documents['pipeline.json'] as Record<string, unknown>).amountField;
    const account = v12.documents['objects/account.json'] as { fields: Array<{ key: string }> };
    account.fields = account.fields.filter((f) => f.key !== 'deal_total');

    const plan = await expectOk(server.admin.post('/api/admin/packs/plan', v12));
    expect(plan.ok).toBe(false);
    expect(plan.risks).toContainEqual(expect.objectContaining({ object: 'upg_deal', field: 'amount', destructive: true }));
    expect(plan.errors).toContainEqual(expect.objectContaining({ code: 'data-risk.fieldRemoved' }));
    expect((await importPack(server.admin, v12)).status).toBe(409);

    const retired = await expectOk(server.admin.post('/api/admin/packs/plan?retire=true', v12));
    expect(retired.ok).toBe(true);
    await expectOk(importPack(server.admin, v12, '?retire=true'));
    const current = await expectOk(server.admin.get('/api/metadata/current'));
    const amount = current.documents.find((d: { key: string }) => d.key === 'upg_deal').fields.find((f: { key: string }) => f.key === 'amount');
    expect(amount.retired).toBe(true);
    expect(await allRecords(server.admin, 'upg_deal')).toHaveLength(61);
  }, 60_000);

  it('refuses another pack that would take over this pack\'s org units', async () => {
    const other = await packBundle(path.join(FIXTURE_PACKS_DIR, 'upgrade-1.0'), false);
    other.manifest = { ...(other.manifest as object), name: 'other-fixture', contents: ['org.json'] };
    other.documents = { 'org.json': other.documents['org.json'] };
    const res = await importPack(server.admin, other);
    expect(res.status).toBe(409);
    expect(res.body.errors[0]).toMatchObject({ path: '/documents/org.json/units/0/key', code: 'pack.conflict' });
    expect((await expectOk(server.admin.get('/api/admin/packs'))).items.map((p: { name: string }) => p.name)).toEqual(['upgrade-fixture']);
  });

  it('refuses to go back to an older version unless asked', async () => {
    const res = await importPack(server.admin, await packBundle(path.join(FIXTURE_PACKS_DIR, 'upgrade-1.1'), false));
    expect(res.status).toBe(409);
    expect(res.body.code ?? res.body.type).toBeDefined();
    expect(res.body.errors[0]).toMatchObject({ path: '/manifest/version', code: 'pack.downgrade' });
  });
});
