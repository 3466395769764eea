import { crmMetadata } from '../fixtures/crm-metadata';
import { createOrgMatrix, matrixRoleDocuments, type MatrixUser, type OrgMatrix } from '../support/org-matrix';
import { ADMIN_PASSWORD, startTesseraServer, type TesseraServer } from '../support/tessera-server';

/**
 * The record endpoints over the org matrix: every user sees exactly their scope in
 * lists, reads, search, history and expansions; hidden fields never appear in any
 * response; read-only fields cannot be written.
 */
const USERS: MatrixUser[] = ['rep_east', 'rep_south', 'manager_east', 'director', 'finance', 'gm', 'admin'];

describe('record access over the org matrix', () => {
  let s: TesseraServer;
  let m: OrgMatrix;
  const deals: Record<string, string[]> = {};
  let account: string;

  beforeAll(async () => {
    const roles = matrixRoleDocuments(['account', 'deal', 'contact'], {
      sales_rep: { deal: { cost: 'hidden', margin: 'hidden', probability: 'read' } },
      sales_manager: { deal: { cost: 'read' } },
    });
    s = await startTesseraServer([...crmMetadata, ...roles]);
    m = await createOrgMatrix(s, ADMIN_PASSWORD);
    account = (await m.users.director.api.post('/api/objects/account/records', { name: 'Shared account' })).body.id ?? (await s.admin.post('/api/objects/account/records', { name: 'Shared account' })).body.id;
    const create = async (who: MatrixUser, n: number) => {
      deals[who] = [];
      for (let i = 0; i < n; i++) {
        const res = await m.users[who].api.post('/api/objects/deal/records', { title: `matrix ${who} ${i}`, amount: 100 + i, account });
        if (res.status !== 201) throw new Error(`${who}: ${res.status} ${JSON.stringify(res.body)}`);
        deals[who].push(res.body.id);
      }
    };
    await create('rep_east', 3);
    await create('rep_south', 2);
    await create('manager_east', 1);
    // Costs are set by someone allowed to write them, so hidden values exist to leak.
    for (const id of [...deals.rep_east, ...deals.rep_south, ...deals.manager_east]) {
      const res = await s.admin.patch(`/api/objects/deal/records/${id}`, { cost: 50 });
      if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    }
  }, 120_000);
  afterAll(() => s?.close());

  const all = () => [...deals.rep_east, ...deals.rep_south, ...deals.manager_east];
  const expectedScope = (who: MatrixUser): string[] => {
    switch (who) {
      case 'rep_east':
        return deals.rep_east;
      case 'rep_south':
        return deals.rep_south;
      case 'manager_east':
        return [...deals.rep_east, ...deals.manager_east];
      default:
        return all();
    }
  };
  const hidesCost = (who: MatrixUser) => who === 'rep_east' || who === 'rep_south';

  it.each(USERS)('%s lists exactly their scope, and search stays inside it', async (who) => {
    const api = m.users[who].api;
    const list = await api.get('/api/objects/deal/records?limit=100');
    expect(list.status).toBe(200);
    expect(list.body.items.map((d: { id: string }) => d.id).sort()).toEqual([...expectedScope(who)].sort());
    const search = await api.get(`/api/objects/deal/records?q=${encodeURIComponent('matrix')}&limit=100`);
    expect(search.body.items.map((d: { id: string }) => d.id).sort()).toEqual([...expectedScope(who)].sort());
    const filtered = await api.post('/api/objects/deal/records/query', { filter: { field: 'amount', op: 'gte', value: 0 }, limit: 100 });
    expect(filtered.body.items).toHaveLength(expectedScope(who).length);
  });

  it.each(USERS)('%s reads and sees the history of exactly the records in scope', async (who) => {
    const api = m.users[who].api;
    for (const id of all()) {
      const inScope = expectedScope(who).includes(id);
      expect([id, (await api.get(`/api/objects/deal/records/${id}`)).status]).toEqual([id, inScope ? 200 : 404]);
      expect([id, (await api.get(`/api/objects/deal/records/${id}/history`)).status]).toEqual([id, inScope ? 200 : 404]);
    }
  });

  it.each(USERS)('%s never receives a field their roles hide, in any response', async (who) => {
    const api = m.users[who].api;
    const id = expectedScope(who)[0];
    const responses = [
      (await api.get('/api/objects/deal/records?limit=100')).body,
      (await api.get(`/api/objects/deal/records/${id}`)).body,
      (await api.get(`/api/objects/deal/records/${id}/history`)).body,
      (await api.get(`/api/objects/account/records/${account}?expand=`)).body,
    ];
    const text = JSON.stringify(responses);
    if (hidesCost(who)) {
      expect(text).not.toMatch(/"cost"|"margin"/);
      // Nor can a hidden field be used to probe values through filters or sorts.
      expect((await api.post('/api/objects/deal/records/query', { filter: { field: 'cost', op: 'eq', value: 50 } })).status).toBe(400);
      expect((await api.get('/api/objects/deal/records?sort=cost')).status).toBe(400);
    } else {
      expect(text).toMatch(/"cost":50/);
    }
  });

  it('a hidden field cannot be written and a read-only one answers 403 with its pointer', async () => {
    const rep = m.users.rep_east.api;
    const id = deals.rep_east[0];
    const hidden = await rep.patch(`/api/objects/deal/records/${id}`, { cost: 1 });
    expect(hidden.status).toBe(403);
    expect(hidden.body.errors).toEqual([expect.objectContaining({ path: '/cost', code: 'field.hidden' })]);
    const readOnly = await rep.patch(`/api/objects/deal/records/${id}`, { probability: 10 });
    expect(readOnly.status).toBe(403);
    expect(readOnly.body.errors).toEqual([expect.objectContaining({ path: '/probability', code: 'field.read_only' })]);
    const onCreate = await rep.post('/api/objects/deal/records', { title: 'x', cost: 1 });
    expect(onCreate.status).toBe(403);
    const manager = await m.users.manager_east.api.patch(`/api/objects/deal/records/${id}`, { cost: 2 });
    expect(manager.status).toBe(403);
    expect(manager.body.errors[0]).toMatchObject({ path: '/cost', code: 'field.read_only' });
    expect((await s.admin.get(`/api/objects/deal/records/${id}`)).body.cost).toBe(50);
  });

  it('writes follow the write scope and the granted actions', async () => {
    const other = deals.rep_south[0];
    expect((await m.users.rep_east.api.patch(`/api/objects/deal/records/${other}`, { title: 'mine now' })).status).toBe(404);
    expect((await m.users.manager_east.api.patch(`/api/objects/deal/records/${deals.rep_east[1]}`, { title: 'edited by manager' })).status).toBe(200);
    expect((await m.users.finance.api.patch(`/api/objects/deal/records/${other}`, { title: 'finance edit' })).status).toBe(403);
    expect((await m.users.finance.api.post('/api/objects/deal/records', { title: 'finance create' })).status).toBe(403);
    expect((await m.users.rep_east.api.delete(`/api/objects/deal/records/${deals.rep_east[2]}`)).status).toBe(403);
  });

  it('an expired or forged token gets 401 on record endpoints', async () => {
    const token = m.users.rep_east.accessToken;
    const [h, p] = token.split('.');
    const forged = `${h}.${p}.${Buffer.from('not the signature').toString('base64url')}`;
    const res = await s.anonymous.as(forged).get('/api/objects/deal/records');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await s.anonymous.get('/api/objects/deal/records')).status).toBe(401);
  });
});
