import { crmMetadata } from '../fixtures/crm-metadata';
import { createOrgMatrix, matrixRoleDocuments, type OrgMatrix } from '../support/org-matrix';
import { ADMIN_PASSWORD, startTesseraServer, type TesseraServer } from '../support/tessera-server';

describe('saved list views', () => {
  let s: TesseraServer;
  let m: OrgMatrix;
  const definition = {
    filters: { amount: { min: 100, max: 500 }, stage: ['lead'], owner_id: ['$me'] },
    overdue: false,
    q: 'valve',
    sort: '-amount',
    columns: ['title', 'amount', 'stage'],
  };

  beforeAll(async () => {
    // finance reads deals but not contacts here: views belong to lists the user may read.
    const roles = matrixRoleDocuments(['account', 'deal']);
    s = await startTesseraServer([...crmMetadata, ...roles], { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    m = await createOrgMatrix(s, ADMIN_PASSWORD);
  }, 120_000);
  afterAll(() => s?.close());

  it('a user creates, lists, renames, redefines and deletes their views', async () => {
    const rep = m.users.rep_east.api;
    const created = await rep.post('/api/objects/deal/views', { name: ' Big leads ', definition });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ object: 'deal', name: 'Big leads', definition });
    const other = await rep.post('/api/objects/deal/views', { name: 'All', definition: {} });
    expect(other.status).toBe(201);

    const listed = await rep.get('/api/objects/deal/views');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((v: { name: string }) => v.name)).toEqual(['All', 'Big leads']);
    expect(listed.body.items[1].definition).toEqual(definition);

    const renamed = await rep.patch(`/api/objects/deal/views/${created.body.id}`, { name: 'Leads 100-500' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Leads 100-500', definition });
    const redefined = await rep.patch(`/api/objects/deal/views/${created.body.id}`, { definition: { ...definition, columns: ['title'] } });
    expect(redefined.body).toMatchObject({ name: 'Leads 100-500', definition: { columns: ['title'] } });

    expect((await rep.delete(`/api/objects/deal/views/${other.body.id}`)).status).toBe(204);
    expect((await rep.get('/api/objects/deal/views')).body.items.map((v: { name: string }) => v.name)).toEqual(['Leads 100-500']);
    // Views are per object.
    expect((await rep.get('/api/objects/account/views')).body.items).toEqual([]);
  });

  it('only the owner sees, changes or deletes a view', async () => {
    const mine = await m.users.manager_east.api.post('/api/objects/deal/views', { name: 'Private', definition });
    expect(mine.status).toBe(201);
    const someoneElse = m.users.rep_south.api;
    expect((await someoneElse.get('/api/objects/deal/views')).body.items).toEqual([]);
    expect((await someoneElse.patch(`/api/objects/deal/views/${mine.body.id}`, { name: 'Stolen' })).status).toBe(404);
    expect((await someoneElse.delete(`/api/objects/deal/views/${mine.body.id}`)).status).toBe(404);
    // Not even an administrator lists another user's views.
    expect((await m.users.admin.api.get('/api/objects/deal/views')).body.items).toEqual([]);
    const still = await m.users.manager_east.api.get('/api/objects/deal/views');
    expect(still.body.items).toMatchObject([{ id: mine.body.id, name: 'Private' }]);
    // Another user may use the same name.
    expect((await someoneElse.post('/api/objects/deal/views', { name: 'Private', definition: {} })).status).toBe(201);
  });

  it('refuses a taken name, a bad definition, an unknown object and a list the user may not read', async () => {
    const api = m.users.director.api;
    expect((await api.post('/api/objects/deal/views', { name: 'Mine', definition: {} })).status).toBe(201);
    const taken = await api.post('/api/objects/deal/views', { name: 'Mine', definition: {} });
    expect(taken.status).toBe(409);
    expect(taken.body.errors).toEqual([expect.objectContaining({ path: '/name', code: 'name.taken' })]);
    const second = await api.post('/api/objects/deal/views', { name: 'Second', definition: {} });
    const renameClash = await api.patch(`/api/objects/deal/views/${second.body.id}`, { name: 'Mine' });
    expect(renameClash.status).toBe(409);

    const bad = await api.post('/api/objects/deal/views', { name: '', definition: { columns: ['ok', 'Not A Key'], sort: 5, extra: true } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/definition/columns/1', '/definition/extra', '/definition/sort', '/name']);
    expect((await api.post('/api/objects/deal/views', { name: 'x', definition: [] })).body.errors[0].path).toBe('/definition');

    expect((await api.get('/api/objects/nothing/views')).status).toBe(404);
    expect((await m.users.rep_east.api.get('/api/objects/contact/views')).status).toBe(403);
    expect((await api.patch('/api/objects/deal/views/not-a-uuid', { name: 'y' })).status).toBe(404);
  });
});
