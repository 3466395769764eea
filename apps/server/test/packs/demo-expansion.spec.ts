import type { DemoData, MetadataDocument, ObjectDefinition } from '@tessera/metadata';
import { DemoExpansion, type DemoRow } from '../../src/packs/demo/demo-records.expand';
import { expandDemoUsers } from '../../src/packs/demo/demo-users.expand';
import { packBundle } from './pack-test.support';

/** Expands a shipped pack's demo data as the import does (pure: no database). */
async function expand(name: string, now = new Date('2026-03-01T04:00:00Z')) {
  const bundle = await packBundle(name);
  const objects = new Map(
    Object.values(bundle.documents).filter((d): d is ObjectDefinition => (d as MetadataDocument).kind === 'object').map((o) => [o.key, o]),
  );
  const org = Object.values(bundle.documents).find((d) => (d as MetadataDocument).kind === 'org') as { units: Array<{ key: string; label: { 'zh-CN': string; en: string } }> };
  const labels = new Map(org.units.map((u) => [u.key, u.label]));
  const docs = Object.entries(bundle.demo!) as Array<[string, DemoData]>;
  const users = expandDemoUsers(docs.map(([, d]) => d), labels);
  let id = 0;
  const expansion = new DemoExpansion({
    objects,
    users: users.map((u) => ({ login: u.login, unit: u.orgUnit, unitName: u.orgUnit ? labels.get(u.orgUnit)?.['zh-CN'] : undefined, roles: u.roles })),
    now,
    newId: () => `id-${++id}`,
  });
  const rows: DemoRow[] = [];
  for (const [path, doc] of docs) rows.push(...(await expansion.add(path, doc)));
  return { users, rows, byId: new Map(rows.map((r) => [r.id, r])) };
}

describe('demo data expansion (seeded generators)', () => {
  it('produces the same records every time for the same day', async () => {
    const a = await expand('valve-manufacturing');
    const b = await expand('valve-manufacturing');
    expect(b.rows).toEqual(a.rows);
    expect(a.users).toHaveLength(34);
  });

  it('spreads generated users over their units and numbers them', async () => {
    const { users } = await expand('fmcg-beverage');
    const reps = users.filter((u) => u.roles.includes('bev_rep'));
    expect(reps).toHaveLength(420);
    expect(reps[0]).toMatchObject({ login: 'bev.rep001', orgUnit: 'bev_sh', name: '上海办事处业务员001' });
    const perOffice = new Map<string, number>();
    for (const r of reps) perOffice.set(r.orgUnit!, (perOffice.get(r.orgUnit!) ?? 0) + 1);
    expect(perOffice.size).toBe(32);
    expect(Math.max(...perOffice.values()) - Math.min(...perOffice.values())).toBeLessThanOrEqual(1);
    expect(users.filter((u) => u.roles.includes('bev_supervisor') && u.manages)).toHaveLength(32);
  });

  it('keeps relations consistent: owners follow the record they come from, through-refs match, sameOwner prefers the owner\'s records', async () => {
    const { rows, byId } = await expand('valve-manufacturing');
    const quotes = rows.filter((r) => r.object === 'quote');
    for (const q of quotes) {
      const opp = byId.get(q.values.opportunity as string)!;
      expect(q.owner).toBe(opp.owner);
      expect(q.values.customer).toBe(opp.values.customer);
    }
    const opps = rows.filter((r) => r.object === 'opportunity');
    const own = opps.filter((o) => byId.get(o.values.customer as string)!.owner === o.owner).length;
    expect(own / opps.length).toBeGreaterThan(0.95);
    // A rep's customers are in the rep's region.
    const customers = rows.filter((r) => r.object === 'customer');
    expect(customers.filter((c) => (c.values.region === 'south') !== (Number(c.owner!.slice(-2)) % 2 === 0)).length).toBe(0);
  });

  it('honours weights and null rates and keeps dates relative to the day of the import', async () => {
    const now = new Date('2026-03-01T04:00:00Z');
    const { rows } = await expand('valve-manufacturing', now);
    const customers = rows.filter((r) => r.object === 'customer');
    const share = (pred: (r: DemoRow) => boolean) => customers.filter(pred).length / customers.length;
    expect(share((c) => c.values.industry === 'petrochemical')).toBeGreaterThan(share((c) => c.values.industry === 'semiconductor'));
    expect(share((c) => c.values.erp_code === null)).toBeGreaterThan(0.1);
    expect(share((c) => c.values.erp_code === null)).toBeLessThan(0.3);
    const activities = rows.filter((r) => r.object === 'activity');
    const days = activities.map((a) => (now.getTime() - Date.parse(a.values.activity_date as string)) / 86_400_000);
    expect(Math.min(...days)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...days)).toBeLessThanOrEqual(151);
    // Money is a number, rounded as the generator says.
    const opp = rows.find((r) => r.object === 'opportunity')!;
    expect(typeof opp.values.amount).toBe('number');
    expect((opp.values.amount as number) % 1000).toBe(0);
  });
});
