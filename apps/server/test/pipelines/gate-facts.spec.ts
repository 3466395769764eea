import { compilePipeline, evaluateGate, ExpressionCache, relatedFactKey } from '@tessera/engine';
import type { RoleDefinition } from '@tessera/metadata';
import { opportunity, pipelineMetadata, testPipeline } from '../fixtures/pipeline-metadata';
import type { ApiClient } from '../support/api-client';
import { createOrgMatrix, type OrgMatrix } from '../support/org-matrix';
import { ADMIN_PASSWORD, startTesseraServer, type TesseraServer } from '../support/tessera-server';
import { uploadPdf } from './pipeline-test.support';

/** A designer who reads only their own opportunities: the row scope still applies to gate facts. */
const designer: RoleDefinition = {
  kind: 'role',
  key: 'designer',
  label: { 'zh-CN': '设计者', en: 'Designer' },
  capabilities: ['design'],
  permissions: [{ object: 'opportunity', actions: ['read'], readScope: 'own' }],
};

const VISITS = { object: 'visit', via: 'opportunity' };
const VISITS_WITH_PHOTOS = { ...VISITS, where: [{ kind: 'compare' as const, field: 'photos', op: 'gte' as const, value: 1 }] };

/** GET …/records/:id/gate-facts: what a move would gather, for the designer's in-browser gate test. */
describe('gate facts of a record', () => {
  let s: TesseraServer;
  let m: OrgMatrix;
  let rep: ApiClient;
  let id: string;
  const facts = (api: ApiClient, related?: unknown, recordId = id) =>
    api.get(`/api/objects/opportunity/records/${recordId}/gate-facts${related ? `?related=${encodeURIComponent(JSON.stringify(related))}` : ''}`);

  beforeAll(async () => {
    s = await startTesseraServer([...pipelineMetadata(), designer]);
    m = await createOrgMatrix(s, ADMIN_PASSWORD, { roles: { rep_south: ['sales_rep', 'designer'] } });
    rep = m.users.rep_east.api;
    id = (await rep.post('/api/objects/opportunity/records', { title: 'Pump station', region: 'east' })).body.id;
    expect((await uploadPdf(rep, m.users.rep_east.accessToken, `/api/objects/opportunity/records/${id}/files/docs`, 'requirement_survey')).status).toBe(201);
    expect((await rep.post(`/api/objects/opportunity/records/${id}/checklist/survey_uploaded`, { note: 'signed' })).status).toBe(200);
    expect((await rep.post(`/api/objects/opportunity/records/${id}/approvals`, { flow: 'discount' })).status).toBe(201);
    for (const photos of [0, 3]) expect((await rep.post('/api/objects/visit/records', { opportunity: id, photos })).status).toBe(201);
  }, 120_000);
  afterAll(() => s?.close());

  it('gives attachments, approvals and the checklist as a stage move gathers them', async () => {
    const res = await facts(s.admin);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      attachments: { docs: { requirement_survey: 1 } },
      approvals: { discount: 'pending' },
      checklist: { survey_uploaded: { done: true, by: m.users.rep_east.id, at: expect.any(String) } },
      related: {},
    });
  });

  it('counts the related records the caller names (a draft pipeline\'s related conditions), filters included', async () => {
    const res = await facts(s.admin, [VISITS, VISITS_WITH_PHOTOS]);
    expect(res.status).toBe(200);
    expect(res.body.related).toEqual({ [relatedFactKey(VISITS)]: 2, [relatedFactKey(VISITS_WITH_PHOTOS)]: 1 });
  });

  it('runs a draft gate in the engine with those facts and finds exactly what is unmet', async () => {
    const draft = testPipeline({
      lead: {
        exit: [
          { kind: 'attachment', field: 'docs', category: 'requirement_survey' },
          { kind: 'attachment', field: 'docs', category: 'tech_confirmation' },
          { kind: 'checklist', item: 'survey_uploaded' },
          { kind: 'related', ...VISITS_WITH_PHOTOS, min: 2 },
          { kind: 'approval', flow: 'discount' },
        ],
      },
    });
    const compiled = compilePipeline(draft, { object: opportunity, expressions: new ExpressionCache() });
    const related = compiled.needs.related.map(({ object, via, where }) => ({ object, via, where }));
    const record = (await s.admin.get(`/api/objects/opportunity/records/${id}`)).body;
    const gate = await evaluateGate(compiled, 'lead', 'confirm', { record, facts: (await facts(s.admin, related)).body });
    expect(gate.allowed).toBe(false);
    expect(gate.allowed ? [] : gate.unmet.map((u) => u.path)).toEqual(['/stages/0/exit/1', '/stages/0/exit/3', '/stages/0/exit/4']);
  });

  it('needs the design capability and applies the caller\'s row scope', async () => {
    expect((await facts(rep)).status).toBe(403);
    const southDesigner = m.users.rep_south.api;
    expect((await facts(southDesigner)).status).toBe(404);
    const own = (await southDesigner.post('/api/objects/opportunity/records', { title: 'South deal' })).body.id;
    expect((await facts(southDesigner, undefined, own)).body).toMatchObject({ attachments: {}, checklist: {} });
  });

  it('refuses malformed related counts with pointers, and unknown record ids with 404', async () => {
    const res = await facts(s.admin, [{ object: 'visit', via: 'Bad Key' }, { object: 'visit', via: 'opportunity', where: [{ kind: 'compare', field: 'photos', op: 'like' }] }]);
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['/related/0/via', '/related/1/where/0/op']);
    expect((await s.admin.get('/api/objects/opportunity/records/not-an-id/gate-facts')).status).toBe(404);
  });
});
