import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ApiClient } from '../support/api-client';
import { startTestApp, type TestApp } from '../support/test-app';
import { ADMIN_PASSWORD } from '../support/tessera-server';
import { DEMO_PASSWORD, expectOk, signIn } from './pack-test.support';

/**
 * The first start on the embedded default (PGlite, no DATABASE_URL): both packs with their
 * demo data, demo users who can sign in; a restart keeps what is there. Runs on PGlite
 * whatever DATABASE_URL says, since that is the first-start path being shown.
 */
describe('first start on embedded PGlite seeds both packs', () => {
  let dataDir: string;
  let app: TestApp | undefined;
  const env = () => ({ DATA_DIR: dataDir, ADMIN_PASSWORD, DEMO_PASSWORD, SEED_PACKS: 'valve-manufacturing,fmcg-beverage' });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tessera-seed-'));
  });
  afterAll(async () => {
    await app?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function admin(a: TestApp): Promise<ApiClient> {
    return signIn(new ApiClient(a.url), 'admin', ADMIN_PASSWORD);
  }

  it('imports both packs with demo data, and the demo users of every role can sign in', async () => {
    const started = Date.now();
    app = await startTestApp(env());
    console.log(`first start on PGlite with both packs seeded: ${Date.now() - started} ms`);
    const api = await admin(app);
    const packs = await expectOk(api.get('/api/admin/packs'));
    expect(packs.items.map((p: { name: string }) => p.name)).toEqual(['fmcg-beverage', 'valve-manufacturing']);
    expect(packs.items.every((p: { demoLoadedAt: string | null }) => p.demoLoadedAt !== null)).toBe(true);
    for (const username of ['valve.rep01', 'valve.rm.east', 'valve.director', 'valve.tech', 'valve.finance', 'valve.gm', 'bev.rep001', 'bev.sup.bev_sh', 'bev.rm.east', 'bev.ops', 'bev.vp']) {
      const me = await expectOk((await signIn(new ApiClient(app.url), username, DEMO_PASSWORD)).get('/api/me'));
      expect(me.user.username).toBe(username);
    }
  }, 300_000);

  it('gives the demo deals a past along their pipeline, so the boards have dwell times and loss rates', async () => {
    const api = await admin(app!);
    const dwell = await expectOk(api.get('/api/analytics/opportunity/dwell'));
    // Everything past 线索 (lead) left it once: completed stays with a positive time.
    const lead = dwell.stages.find((s: { stage: string }) => s.stage === 'lead');
    expect(lead.visits).toBeGreaterThan(100);
    expect(lead.medianSeconds).toBeGreaterThan(0);
    const heat = await expectOk(api.get('/api/analytics/opportunity/heatmap?dimension=org_unit_id'));
    expect(heat.cells.some((c: { lossRate: number | null }) => (c.lossRate ?? 0) > 0)).toBe(true);
    // A lost deal: its stays chain from its first stage to lost, times in order, lost from an open stage with a reason.
    const [lost] = (await expectOk(api.get(`/api/objects/opportunity/records?filter=${encodeURIComponent(JSON.stringify({ field: 'stage', op: 'eq', value: 'lost' }))}&limit=1`))).items;
    const { history } = await expectOk(api.get(`/api/objects/opportunity/records/${lost.id}/pipeline`));
    expect(history[0]).toMatchObject({ stage: 'lead', from: null, move: 'create' });
    const last = history[history.length - 1];
    expect(last).toMatchObject({ stage: 'lost', move: 'lost', exitedAt: null, from: history[history.length - 2].stage });
    expect(last.reason).toEqual(expect.any(String));
    for (let i = 1; i < history.length; i++) {
      expect(history[i].from).toBe(history[i - 1].stage);
      expect(history[i - 1].exitedAt).toBe(history[i].enteredAt);
    }
    const fmcg = await expectOk(api.get('/api/analytics/deal/dwell'));
    expect(fmcg.stages[0].visits).toBeGreaterThan(0);
  }, 120_000);

  it('keeps what is there on the next start', async () => {
    const before = await expectOk((await admin(app!)).get('/api/metadata/current'));
    await app!.close();
    app = await startTestApp(env());
    const api = await admin(app);
    const after = await expectOk(api.get('/api/metadata/current'));
    expect(after.version).toBe(before.version);
    const customers = await expectOk(api.get('/api/objects/customer/records?limit=1'));
    expect(customers.items).toHaveLength(1);
  }, 120_000);

  it('starts empty with SEED_PACKS=none', async () => {
    const emptyDir = await mkdtemp(path.join(os.tmpdir(), 'tessera-seed-none-'));
    const bare = await startTestApp({ DATA_DIR: emptyDir, ADMIN_PASSWORD, SEED_PACKS: 'none' });
    try {
      const api = await admin(bare);
      expect((await expectOk(api.get('/api/metadata/current'))).version).toBe(0);
      expect((await expectOk(api.get('/api/admin/packs'))).items).toEqual([]);
    } finally {
      await bare.close();
      await rm(emptyDir, { recursive: true, force: true });
    }
  }, 120_000);
});
