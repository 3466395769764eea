import { crmMetadata } from '../fixtures/crm-metadata';
import type { ApiClient } from '../support/api-client';
import { startTesseraServer, type TesseraServer } from '../support/tessera-server';

type Deal = { id: string; title: string; amount: number | null; stage: string | null; tags: string[] | null; close_date: string | null; strategic: boolean | null; notes: string | null };

/** Ten deals with known values; each filter's expected rows are computed from this table. */
const ROWS = [
  { title: 'Alpha pump', amount: 100, stage: 'lead', tags: ['urgent'], close_date: '2026-01-10', strategic: true, notes: "O'Brien said 50% off" },
  { title: 'Beta valve', amount: 250, stage: 'won', tags: ['export'], close_date: '2026-02-10', strategic: false, notes: null },
  { title: 'Gamma valve', amount: 250, stage: 'lead', tags: ['urgent', 'export'], close_date: '2026-03-10', strategic: null, notes: 'under_score' },
  { title: 'Delta', amount: null, stage: null, tags: null, close_date: null, strategic: true, notes: '' },
  { title: 'Epsilon seal', amount: 999.99, stage: 'won', tags: [], close_date: '2026-12-31', strategic: false, notes: 'big' },
  { title: 'Zeta', amount: 0, stage: 'lead', tags: ['export'], close_date: '2026-06-01', strategic: true, notes: 'zero' },
  { title: 'Eta pump', amount: 500, stage: 'won', tags: ['urgent'], close_date: '2026-06-02', strategic: false, notes: null },
  { title: 'Theta', amount: 75.5, stage: 'lead', tags: null, close_date: '2025-12-31', strategic: null, notes: 'x' },
  { title: 'Iota valve', amount: 300, stage: null, tags: ['urgent'], close_date: '2026-05-05', strategic: true, notes: 'valve' },
  { title: 'Kappa', amount: 10, stage: 'lead', tags: ['export'], close_date: '2026-07-07', strategic: false, notes: 'k' },
];

describe('record lists: filters, sort, search, pagination in SQL', () => {
  let s: TesseraServer;
  let api: ApiClient;
  const list = async (params: Record<string, unknown>) => {
    const qs = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
    const res = await api.get(`/api/objects/deal/records?${qs}`);
    if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { items: Deal[]; nextCursor: string | null };
  };
  const titles = async (filter: unknown) => (await list({ filter, limit: 100 })).items.map((d) => d.title).sort();
  const expected = (pred: (r: (typeof ROWS)[number]) => boolean) => ROWS.filter(pred).map((r) => r.title).sort();

  beforeAll(async () => {
    s = await startTesseraServer(crmMetadata);
    api = s.admin;
    for (const r of ROWS) {
      const body = Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null));
      const res = await api.post('/api/objects/deal/records', body);
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    }
  });
  afterAll(() => s?.close());

  const empty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
  it.each([
    ['eq', { field: 'amount', op: 'eq', value: 250 }, (r) => r.amount === 250],
    ['ne (nulls count as different)', { field: 'stage', op: 'ne', value: 'lead' }, (r) => r.stage !== 'lead'],
    ['lt', { field: 'amount', op: 'lt', value: 100 }, (r) => r.amount !== null && r.amount < 100],
    ['lte', { field: 'amount', op: 'lte', value: 100 }, (r) => r.amount !== null && r.amount <= 100],
    ['gt', { field: 'amount', op: 'gt', value: 250 }, (r) => r.amount !== null && r.amount > 250],
    ['gte', { field: 'amount', op: 'gte', value: 250 }, (r) => r.amount !== null && r.amount >= 250],
    ['in', { field: 'stage', op: 'in', value: ['won'] }, (r) => r.stage === 'won'],
    ['nin (includes empty)', { field: 'stage', op: 'nin', value: ['won'] }, (r) => r.stage !== 'won'],
    ['contains text, case-insensitive', { field: 'title', op: 'contains', value: 'VALVE' }, (r) => r.title.toLowerCase().includes('valve')],
    ['contains a LIKE wildcard literally', { field: 'notes', op: 'contains', value: '_' }, (r) => !!r.notes?.includes('_')],
    ['contains a quote and percent literally', { field: 'notes', op: 'contains', value: "O'Brien said 50%" }, (r) => !!r.notes?.includes("O'Brien said 50%")],
    ['contains on a multiselect', { field: 'tags', op: 'contains', value: 'export' }, (r) => !!r.tags?.includes('export')],
    ['in on a multiselect (overlap)', { field: 'tags', op: 'in', value: ['urgent'] }, (r) => !!r.tags?.includes('urgent')],
    ['startsWith', { field: 'title', op: 'startsWith', value: 'e' }, (r) => r.title.toLowerCase().startsWith('e')],
    ['between numbers', { field: 'amount', op: 'between', value: [75.5, 250] }, (r) => r.amount !== null && r.amount >= 75.5 && r.amount <= 250],
    ['between dates', { field: 'close_date', op: 'between', value: ['2026-01-01', '2026-06-30'] }, (r) => !!r.close_date && r.close_date >= '2026-01-01' && r.close_date <= '2026-06-30'],
    ['isEmpty true on text (null or blank)', { field: 'notes', op: 'isEmpty', value: true }, (r) => empty(r.notes)],
    ['isEmpty false', { field: 'amount', op: 'isEmpty', value: false }, (r) => r.amount !== null],
    ['isEmpty on a multiselect', { field: 'tags', op: 'isEmpty', value: true }, (r) => empty(r.tags)],
    ['eq on a boolean', { field: 'strategic', op: 'eq', value: true }, (r) => r.strategic === true],
    ['and', { and: [{ field: 'stage', op: 'eq', value: 'lead' }, { field: 'amount', op: 'gte', value: 75.5 }] }, (r) => r.stage === 'lead' && r.amount !== null && r.amount >= 75.5],
    ['or with nested and', { or: [{ field: 'stage', op: 'eq', value: 'won' }, { and: [{ field: 'strategic', op: 'eq', value: true }, { field: 'amount', op: 'lt', value: 200 }] }] }, (r) => r.stage === 'won' || (r.strategic === true && r.amount !== null && r.amount < 200)],
  ] as Array<[string, unknown, (r: (typeof ROWS)[number]) => boolean]>)('%s', async (_name, filter, pred) => {
    expect(await titles(filter)).toEqual(expected(pred));
  });

  it('sorts on several fields, nulls last ascending', async () => {
    const items = (await list({ sort: '-amount,title', limit: 100 })).items;
    const amounts = items.map((d) => d.amount);
    expect(amounts[0]).toBeNull(); // descending: nulls first, as PostgreSQL orders them
    expect(items.slice(1).map((d) => d.title)).toEqual(['Epsilon seal', 'Eta pump', 'Iota valve', 'Beta valve', 'Gamma valve', 'Alpha pump', 'Theta', 'Kappa', 'Zeta']);
  });

  it('pages with a cursor through every row exactly once, whatever the sort', async () => {
    // `fields` without the sort fields: the cursor still needs their values.
    for (const [sort, fields] of [['-created_at'], ['created_at'], ['amount'], ['-amount,title'], ['stage,-close_date'], ['-amount,title', 'title'], ['stage,-close_date', 'notes']]) {
      const seen: string[] = [];
      let cursor: string | null | undefined;
      do {
        const page = await list({ sort, limit: 3, ...(fields && { fields }), ...(cursor && { cursor }) });
        if (fields) for (const item of page.items) expect(Object.keys(item)).not.toContain(sort.split(',')[0].replace('-', ''));
        seen.push(...page.items.map((d) => d.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(ROWS.length);
      expect(new Set(seen).size).toBe(ROWS.length);
    }
  });

  it('searches text fields and returns only the chosen fields', async () => {
    const page = await list({ q: 'pump', fields: 'title' });
    expect(page.items.map((d) => d.title).sort()).toEqual(['Alpha pump', 'Eta pump']);
    expect(Object.keys(page.items[0]).sort()).toEqual(['created_at', 'created_by', 'id', 'org_unit_id', 'owner_id', 'title', 'updated_at', 'updated_by', 'version']);
  });

  it('accepts the same query as a POST body', async () => {
    const res = await api.post('/api/objects/deal/records/query', { filter: { field: 'stage', op: 'eq', value: 'won' }, sort: 'title' });
    expect(res.body.items.map((d: Deal) => d.title)).toEqual(['Beta valve', 'Epsilon seal', 'Eta pump']);
  });

  it.each([
    [{ filter: { field: 'nope', op: 'eq', value: 1 } }, '/filter/field'],
    [{ filter: { field: 'amount', op: 'eq', value: "1; drop table data.deal; --" } }, '/filter/value'],
    [{ sort: 'zzz' }, '/sort'],
    [{ cursor: 'garbage' }, '/cursor'],
  ])('refuses %j with 400 and a pointer', async (params, path) => {
    const qs = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
    const res = await api.get(`/api/objects/deal/records?${qs}`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe(path);
  });
});
