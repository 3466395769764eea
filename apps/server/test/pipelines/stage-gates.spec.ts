import type { Condition } from '@tessera/metadata';
import { DataSource } from 'typeorm';
import { pipelineMetadata } from '../fixtures/pipeline-metadata';
import type { ApiClient } from '../support/api-client';
import { createOrgMatrix, type OrgMatrix } from '../support/org-matrix';
import { ADMIN_PASSWORD, startTesseraServer, type TesseraServer } from '../support/tessera-server';
import { uploadPdf } from './pipeline-test.support';

const msg = (en: string) => ({ 'zh-CN': en, en });

/** One condition of every kind on the exit of `lead`, and one entry condition of `confirm`. */
const LEAD_EXIT: Condition[] = [
  { kind: 'filled', field: 'title' },
  { kind: 'compare', field: 'amount', op: 'gte', value: '100000' },
  { kind: 'attachment', field: 'docs', category: 'requirement_survey' },
  { kind: 'approval', flow: 'discount' },
  { kind: 'checklist', item: 'survey_uploaded' },
  { kind: 'related', object: 'visit', via: 'opportunity', min: 2, where: [{ kind: 'compare', field: 'photos', op: 'gte', value: 1 }] },
  { kind: 'expression', expression: 'region = "east"', message: msg('East region only') },
];
const CONFIRM_ENTRY: Condition[] = [{ kind: 'filled', field: 'region' }];

describe('stage gates', () => {
  let s: TesseraServer;
  let m: OrgMatrix;
  let db: DataSource;
  let rep: ApiClient;
  const count = async (sql: string, values: unknown[]) => Number((await db.query(`SELECT count(*) AS n FROM ${sql}`, values))[0].n);
  const create = async (body: Record<string, unknown> = {}, api = rep): Promise<string> => {
    const res = await api.post('/api/objects/opportunity/records', { title: 'Pump station', ...body });
    if (res.status !== 201) throw new Error(`create: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  };
  const move = (id: string, body: Record<string, unknown>, api = rep) => api.post(`/api/objects/opportunity/records/${id}/stage`, body);
  const stageOf = async (id: string) => (await rep.get(`/api/objects/opportunity/records/${id}`)).body.stage;
  /** The regional manager's pending approval task on the record. */
  const pendingTask = async (id: string): Promise<string> => {
    const items = (await m.users.manager_east.api.get('/api/approvals/tasks?state=pending')).body.items as Array<{ task: { id: string }; instance: unknown }>;
    const item = items.find((i) => JSON.stringify(i.instance).includes(id));
    if (!item) throw new Error(`no pending task on ${id}: ${JSON.stringify(items)}`);
    return item.task.id;
  };
  /** The discount flow through the approvals module: the rep submits, the regional manager approves. */
  const approveDiscount = async (id: string) => {
    const submitted = await rep.post(`/api/objects/opportunity/records/${id}/approvals`, { flow: 'discount' });
    if (submitted.status !== 201) throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
    const manager = m.users.manager_east.api;
    const approved = await manager.post(`/api/approvals/tasks/${await pendingTask(id)}/approve`, {});
    if (approved.status >= 300) throw new Error(`approve: ${approved.status} ${JSON.stringify(approved.body)}`);
  };

  beforeAll(async () => {
    s = await startTesseraServer(
      pipelineMetadata({
        lead: { exit: LEAD_EXIT },
        confirm: { entry: CONFIRM_ENTRY, allowedMoves: ['quote', 'negotiate', 'lead', 'lost'] },
        negotiate: { commentRequired: false },
        won: { entry: [{ kind: 'compare', field: 'amount', op: 'gt', value: 0 }] },
      }),
    );
    m = await createOrgMatrix(s, ADMIN_PASSWORD);
    rep = m.users.rep_east.api;
    db = s.app.app.get(DataSource);
  });
  afterAll(() => s?.close());

  describe('a new record', () => {
    it('starts in the first open stage with a history row, even without a value for the stage field', async () => {
      const id = await create();
      expect(await stageOf(id)).toBe('lead');
      const view = (await rep.get(`/api/objects/opportunity/records/${id}/pipeline`)).body;
      expect(view.stage).toEqual({ key: 'lead', label: { 'zh-CN': '阶段 lead', en: 'Stage lead' }, type: 'open', probability: 10, forecastCategory: 'pipeline' });
      expect(view.history).toEqual([expect.objectContaining({ stage: 'lead', move: 'create', enteredBy: m.users.rep_east.id, exitedAt: null })]);
      expect(view.checklist).toEqual([{ key: 'survey_uploaded', label: expect.any(Object), done: false, doneAt: null, doneBy: null, evidence: null }]);
      expect(await count(`outbox_event WHERE record_id = $1 AND type = 'stage.entered'`, [id])).toBe(1);
    });

    it('cannot be created in a later stage', async () => {
      const res = await rep.post('/api/objects/opportunity/records', { title: 'x', stage: 'quote' });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: '/stage', code: 'stage.not-first' })]);
    });
  });

  describe('the gate', () => {
    let id: string;
    const attempt = () => move(id, { stage: 'confirm' });
    /** Tries the move: the unmet paths while blocked; [] once it went through. */
    const unmetPaths = async () => {
      const res = await attempt();
      if (res.status !== 422 && res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
      return res.status === 422 ? (res.body.unmet as Array<{ path: string }>).map((u) => u.path) : [];
    };

    beforeAll(async () => {
      id = await create({ title: null });
    });

    it('answers 422 with every unmet condition at once and changes nothing', async () => {
      const res = await attempt();
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([...LEAD_EXIT.map((_, i) => `/stages/0/exit/${i}`), '/stages/1/entry/0']);
      expect(res.body.errors.map((e: { code: string }) => e.code)).toEqual([...LEAD_EXIT.map((c) => `gate.${c.kind}`), 'gate.filled']);
      expect(res.body.unmet[2]).toMatchObject({ kind: 'attachment', stage: 'lead', field: 'docs', category: 'requirement_survey', message: { 'zh-CN': '请上传「需求调研表」', en: 'Upload Requirement survey' } });
      expect(res.body.errors[0].message).toBe('请填写「标题」');
      expect(await stageOf(id)).toBe('lead');
      expect(await count(`stage_history WHERE record_id = $1`, [id])).toBe(1);
      expect(await count(`outbox_event WHERE record_id = $1 AND type = 'stage.entered'`, [id])).toBe(1);
    });

    it('the pipeline read shows the same unmet conditions on the move', async () => {
      const view = (await rep.get(`/api/objects/opportunity/records/${id}/pipeline`)).body;
      const toConfirm = view.moves.find((mv: { to: string }) => mv.to === 'confirm');
      expect(toConfirm).toMatchObject({ kind: 'next', allowed: false, requires: { reason: false, comment: false } });
      expect(toConfirm.unmet).toHaveLength(LEAD_EXIT.length + 1);
      expect(view.moves.map((mv: { to: string }) => mv.to)).toEqual(['confirm', 'won', 'lost']);
      expect(view.canMove).toBe(true);
    });

    it('each condition kind blocks until it is met, then lets the record through', async () => {
      // Each step meets one condition (the region also fills confirm's entry condition).
      const satisfy: Array<[string[], () => Promise<unknown>]> = [
        [['/stages/0/exit/0'], () => rep.patch(`/api/objects/opportunity/records/${id}`, { title: 'Water plant' })],
        [['/stages/0/exit/1'], () => rep.patch(`/api/objects/opportunity/records/${id}`, { amount: 120000 })],
        [['/stages/0/exit/2'], () => uploadPdf(rep, m.users.rep_east.accessToken, `/api/objects/opportunity/records/${id}/files/docs`, 'requirement_survey')],
        [['/stages/0/exit/3'], async () => {
          // Submitted is not enough: only an approved outcome opens the gate.
          const submitted = await rep.post(`/api/objects/opportunity/records/${id}/approvals`, { flow: 'discount' });
          expect(submitted.status).toBe(201);
          expect(await unmetPaths()).toContain('/stages/0/exit/3');
          expect((await m.users.manager_east.api.post(`/api/approvals/tasks/${await pendingTask(id)}/approve`, {})).status).toBeLessThan(300);
        }],
        [['/stages/0/exit/4'], () => rep.post(`/api/objects/opportunity/records/${id}/checklist/survey_uploaded`, { note: 'survey v2 signed by the customer' })],
        [['/stages/0/exit/5'], async () => {
          // Visits without photos do not count; two with photos do.
          await rep.post('/api/objects/visit/records', { opportunity: id, photos: 0 });
          await rep.post('/api/objects/visit/records', { opportunity: id, photos: 3 });
          expect(await unmetPaths()).toContain('/stages/0/exit/5');
          await rep.post('/api/objects/visit/records', { opportunity: id, photos: 1 });
        }],
        [['/stages/0/exit/6', '/stages/1/entry/0'], async () => {
          await rep.patch(`/api/objects/opportunity/records/${id}`, { region: 'west' });
          expect(await unmetPaths()).toEqual(['/stages/0/exit/6']);
          await rep.patch(`/api/objects/opportunity/records/${id}`, { region: 'east' });
        }],
      ];
      let remaining = await unmetPaths();
      for (const [paths, step] of satisfy) {
        for (const path of paths) expect(remaining).toContain(path);
        await step();
        const now = await unmetPaths();
        expect(now).toEqual(remaining.filter((p) => !paths.includes(p)));
        remaining = now;
      }
      // The last attempt met every condition and moved the record.
      expect(remaining).toEqual([]);
    });

    it('when everything holds, moves in one transaction: stage field, history, outbox', async () => {
      const res = await rep.get(`/api/objects/opportunity/records/${id}/pipeline`);
      expect(res.body.stage.key).toBe('confirm');
      expect(await stageOf(id)).toBe('confirm');
      const [lead, confirm] = res.body.history;
      expect(lead).toMatchObject({ stage: 'lead', exitedBy: m.users.rep_east.id, exitedAt: expect.any(String) });
      expect(confirm).toMatchObject({ stage: 'confirm', from: 'lead', move: 'next', enteredAt: lead.exitedAt, exitedAt: null });
      expect(res.body.checklist.map((c: { key: string }) => c.key)).toEqual(['tech_meeting']);
      const events = await db.query(`SELECT type, payload FROM outbox_event WHERE record_id = $1 AND type IN ('stage.entered', 'record.updated') ORDER BY created_at, id`, [id]);
      expect(events.filter((e: { type: string }) => e.type === 'stage.entered').pop().payload).toMatchObject({ pipeline: 'gate_test', stage: 'confirm', from: 'lead', move: 'next' });
      expect(events.some((e: { type: string; payload: { changed: string[] } }) => e.type === 'record.updated' && e.payload.changed.includes('stage'))).toBe(true);
    });

    it('an expression condition that fails reports its own message', async () => {
      const other = await create({ amount: 200000, region: 'west' });
      const res = await move(other, { stage: 'confirm' });
      expect(res.body.unmet.find((u: { kind: string }) => u.kind === 'expression')).toMatchObject({ path: '/stages/0/exit/6', message: msg('East region only') });
    });
  });

  describe('moves', () => {
    /** A record moved to `confirm` through lead's full exit gate. */
    const inConfirm = async (): Promise<string> => {
      const id = await create({ title: 'Moves', amount: 150000, region: 'east' });
      await approveDiscount(id);
      await uploadPdf(rep, m.users.rep_east.accessToken, `/api/objects/opportunity/records/${id}/files/docs`, 'requirement_survey');
      await rep.post(`/api/objects/opportunity/records/${id}/checklist/survey_uploaded`, {});
      for (let i = 0; i < 2; i++) await rep.post('/api/objects/visit/records', { opportunity: id, photos: 1 });
      const res = await move(id, { stage: 'confirm' });
      if (res.status !== 200) throw new Error(JSON.stringify(res.body));
      return id;
    };

    it('forward by one is the default; skipping is refused unless the stage allows it', async () => {
      const id = await create();
      const skip = await move(id, { stage: 'quote' });
      expect(skip.status).toBe(422);
      expect(skip.body.errors).toEqual([expect.objectContaining({ path: '/stage', code: 'move.not-allowed' })]);
      const allowed = await inConfirm();
      const res = await move(allowed, { stage: 'negotiate' });
      expect(res.status).toBe(200);
      expect(res.body.history.pop()).toMatchObject({ stage: 'negotiate', move: 'skip', from: 'confirm' });
    });

    it('moving back asks for a reason (comment) and records it', async () => {
      const id = await inConfirm();
      const bare = await move(id, { stage: 'lead' });
      expect(bare.status).toBe(422);
      expect(bare.body.errors).toEqual([expect.objectContaining({ path: '/comment', code: 'move.comment-required' })]);
      const res = await move(id, { stage: 'lead', comment: 'customer changed the specification' });
      expect(res.status).toBe(200);
      expect(res.body.history.pop()).toMatchObject({ stage: 'lead', move: 'back', comment: 'customer changed the specification' });
    });

    it('allowedMoves replaces the default: from confirm a record may skip but not close as won', async () => {
      const id = await inConfirm();
      const view = (await rep.get(`/api/objects/opportunity/records/${id}/pipeline`)).body;
      expect(view.moves.map((mv: { to: string; kind: string }) => `${mv.to}:${mv.kind}`)).toEqual(['quote:next', 'negotiate:skip', 'lead:back', 'lost:lost']);
      const won = await move(id, { stage: 'won', reason: 'price' });
      expect(won.status).toBe(422);
      expect(won.body.errors).toEqual([expect.objectContaining({ path: '/stage', code: 'move.not-allowed' })]);
    });

    it('terminal stages require their reason, and won checks its entry', async () => {
      const id = await inConfirm();
      const noReason = await move(id, { stage: 'lost' });
      expect(noReason.body.errors).toEqual([expect.objectContaining({ path: '/reason', code: 'move.reason-required' })]);
      const unknown = await move(id, { stage: 'lost', reason: 'price' });
      expect(unknown.body.errors).toEqual([expect.objectContaining({ path: '/reason', code: 'move.reason-unknown' })]);
      const lost = await move(id, { stage: 'lost', reason: 'competitor', comment: 'went with a cheaper valve' });
      expect(lost.status).toBe(200);
      expect(lost.body.stage).toMatchObject({ key: 'lost', type: 'lost', probability: 0, forecastCategory: 'omitted' });
      expect(lost.body.history.pop()).toMatchObject({ move: 'lost', reason: 'competitor', comment: 'went with a cheaper valve' });
      expect(lost.body.moves.map((mv: { to: string }) => mv.to)).toEqual(['lead', 'confirm', 'quote', 'negotiate', 'won']);
    });

    it('a blocked move lists the move problems and the unmet conditions together', async () => {
      const id = await create({ title: null });
      const res = await move(id, { stage: 'won' });
      expect(res.status).toBe(422);
      const paths = res.body.errors.map((e: { path: string }) => e.path);
      expect(paths[0]).toBe('/reason');
      expect(paths).toEqual(expect.arrayContaining(['/stages/0/exit/0', '/stages/4/entry/0']));
    });

    it('PATCH of the stage field is refused and points at the stage endpoint; other fields still save', async () => {
      const id = await create();
      const res = await rep.patch(`/api/objects/opportunity/records/${id}`, { stage: 'confirm', amount: 5 });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: '/stage', code: 'stage.use-move-endpoint' })]);
      const ok = await rep.patch(`/api/objects/opportunity/records/${id}`, { amount: 5 });
      expect(ok.status).toBe(200);
      expect(await stageOf(id)).toBe('lead');
    });

    it('moving needs the moveStage right and the record in scope', async () => {
      const id = await create();
      expect((await move(id, { stage: 'confirm' }, m.users.finance.api)).status).toBe(403);
      expect((await move(id, { stage: 'confirm' }, m.users.rep_south.api)).status).toBe(404);
      expect((await m.users.finance.api.get(`/api/objects/opportunity/records/${id}/pipeline`)).body.canMove).toBe(false);
    });
  });

  describe('checklists, dwell time, the pipeline definition', () => {
    it('completing an item records who, when and the evidence; reopening clears it', async () => {
      const id = await create();
      const done = await rep.post(`/api/objects/opportunity/records/${id}/checklist/survey_uploaded`, { note: 'emailed' });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ key: 'survey_uploaded', done: true, doneBy: m.users.rep_east.id, evidence: { note: 'emailed' } });
      const view = (await rep.get(`/api/objects/opportunity/records/${id}/pipeline`)).body;
      expect(view.checklist[0]).toMatchObject({ done: true, doneAt: done.body.doneAt });
      expect((await rep.delete(`/api/objects/opportunity/records/${id}/checklist/survey_uploaded`)).body.done).toBe(false);
      expect((await rep.get(`/api/objects/opportunity/records/${id}/pipeline`)).body.checklist[0].done).toBe(false);
      expect((await rep.post(`/api/objects/opportunity/records/${id}/checklist/nope`, {})).status).toBe(404);
      expect((await m.users.finance.api.post(`/api/objects/opportunity/records/${id}/checklist/survey_uploaded`, {})).status).toBe(403);
    });

    it('the read shows time in the current stage and per stage', async () => {
      const id = await create();
      await new Promise((r) => setTimeout(r, 50));
      const view = (await rep.get(`/api/objects/opportunity/records/${id}/pipeline`)).body;
      expect(view.timeInStage).toBeGreaterThanOrEqual(40);
      expect(view.dwell.map((d: { stage: string }) => d.stage)).toEqual(['lead', 'confirm', 'quote', 'negotiate', 'won', 'lost']);
      expect(view.dwell[0]).toMatchObject({ visits: 1 });
      expect(view.dwell[0].ms).toBeGreaterThanOrEqual(view.timeInStage);
    });

    it('GET /api/pipelines/:key exposes probability and forecast category per stage', async () => {
      const res = await rep.get('/api/pipelines/gate_test');
      expect(res.status).toBe(200);
      expect(res.body.stages.map((st: { key: string; probability: number; forecastCategory: string }) => [st.key, st.probability, st.forecastCategory])).toEqual([
        ['lead', 10, 'pipeline'], ['confirm', 30, 'pipeline'], ['quote', 60, 'bestCase'], ['negotiate', 80, 'commit'], ['won', 100, 'closed'], ['lost', 0, 'omitted'],
      ]);
      expect(res.body.stages[1].moves).toEqual(['quote', 'negotiate', 'lead', 'lost']);
      expect((await rep.get('/api/pipelines')).body.items.map((p: { key: string }) => p.key)).toEqual(['gate_test']);
      expect((await rep.get('/api/pipelines/nope')).status).toBe(404);
    });
  });
});
