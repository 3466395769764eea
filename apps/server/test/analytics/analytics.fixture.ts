import type { ApprovalFlowDefinition, DashboardDefinition, MetadataDocument, ObjectDefinition, PipelineDefinition } from '@tessera/metadata';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { matrixRoleDocuments, type MatrixUnit, type MatrixUser, type OrgMatrix } from '../support/org-matrix';
import type { TesseraServer } from '../support/tessera-server';

/**
 * Analytics tests run on a data set generated here (seeded, so every run is the same
 * apart from "now") and written straight into the tables: records, their stage history
 * with stays in the past, checklist ticks, follow-up activities and approval decisions.
 * The expected figures are computed from the same generated objects by the tests, in
 * plain TypeScript, never by the code under test.
 */
const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });

export const OPEN = ['lead', 'qualify', 'quote', 'commit'] as const;
export const STAGES = [...OPEN, 'won', 'lost'] as const;
export const PROBABILITY: Record<string, number> = { lead: 10, qualify: 30, quote: 60, commit: 90, won: 100, lost: 0 };
export const TIMEOUT_MS: Record<string, number> = { lead: 2 * 86_400_000, quote: 7 * 86_400_000 };
export const CHECKLIST: Record<string, string> = { lead: 'call', quote: 'quote_sent' };

export const opportunity: ObjectDefinition = {
  kind: 'object',
  key: 'opportunity',
  label: l('商机', 'Opportunity'),
  titleField: 'name',
  fields: [
    { key: 'name', type: 'text', label: l('名称', 'Name') },
    { key: 'amount', type: 'currency', label: l('金额', 'Amount'), min: 0 },
    { key: 'cost', type: 'currency', label: l('成本', 'Cost') },
    { key: 'region', type: 'select', label: l('区域', 'Region'), options: [{ value: 'east', label: l('华东', 'East') }, { value: 'south', label: l('华南', 'South') }] },
    { key: 'product_line', type: 'select', label: l('产品线', 'Product line'), options: ['ball', 'gate', 'butterfly'].map((v) => ({ value: v, label: l(v, v) })) },
    { key: 'close_date', type: 'date', label: l('预计签约日', 'Close date') },
    { key: 'stage', type: 'select', label: l('阶段', 'Stage'), indexed: true, options: STAGES.map((s) => ({ value: s, label: l(`阶段 ${s}`, `Stage ${s}`) })) },
  ],
};

export const activity: ObjectDefinition = {
  kind: 'object',
  key: 'activity',
  label: l('跟进', 'Activity'),
  fields: [
    { key: 'subject', type: 'text', label: l('主题', 'Subject') },
    { key: 'opportunity', type: 'relation', label: l('商机', 'Opportunity'), target: 'opportunity' },
  ],
};

export const pipeline: PipelineDefinition = {
  kind: 'pipeline',
  key: 'opportunity_pipeline',
  object: 'opportunity',
  stageField: 'stage',
  label: l('商机流程', 'Opportunity pipeline'),
  amountField: 'amount',
  closeDateField: 'close_date',
  stages: [
    { key: 'lead', label: l('线索', 'Lead'), probability: 10, forecastCategory: 'pipeline', timeout: { after: 'P2D' }, checklist: [{ key: 'call', label: l('首次致电', 'First call') }] },
    { key: 'qualify', label: l('确认', 'Qualify'), probability: 30, forecastCategory: 'pipeline' },
    { key: 'quote', label: l('报价', 'Quote'), probability: 60, forecastCategory: 'bestCase', timeout: { after: 'P7D' }, checklist: [{ key: 'quote_sent', label: l('发出报价', 'Quote sent') }] },
    { key: 'commit', label: l('承诺', 'Commit'), probability: 90, forecastCategory: 'commit' },
    { key: 'won', label: l('赢单', 'Won'), type: 'won', probability: 100, forecastCategory: 'closed', reasonRequired: false },
    { key: 'lost', label: l('丢单', 'Lost'), type: 'lost', probability: 0, forecastCategory: 'omitted', reasonRequired: false },
  ],
};

export const discountFlow: ApprovalFlowDefinition = {
  kind: 'approvalFlow',
  key: 'discount',
  object: 'opportunity',
  label: l('折扣审批', 'Discount approval'),
  steps: [
    { key: 'manager', label: l('区域经理', 'Regional manager'), approvers: [{ kind: 'role', role: 'sales_manager' }] },
    { key: 'director', label: l('销售总监', 'Sales director'), approvers: [{ kind: 'role', role: 'sales_director' }] },
  ],
};

const w = (zh: string, en: string) => l(zh, en);
export const managerBoard: DashboardDefinition = {
  kind: 'dashboard',
  key: 'manager_board',
  label: l('经理看板', 'Manager board'),
  roles: ['sales_manager', 'sales_director', 'gm', 'finance'],
  timeZone: 'UTC',
  filters: ['owner_id', 'org_unit_id', 'product_line'],
  widgets: [
    { type: 'funnel', key: 'funnel', title: w('漏斗', 'Funnel'), pipeline: 'opportunity_pipeline', measure: 'amount' },
    { type: 'heatmap', key: 'loss_by_owner', title: w('丢单率', 'Loss rate'), object: 'opportunity', rows: 'stage', columns: 'owner_id', measure: 'lossRate' },
    { type: 'overdueList', key: 'overdue', title: w('超时', 'Overdue'), pipeline: 'opportunity_pipeline', columns: ['name', 'amount'], limit: 5 },
    { type: 'kpi', key: 'weighted', title: w('加权预测', 'Weighted'), object: 'opportunity', figure: 'weighted', period: 'quarter', format: 'currency' },
    { type: 'kpi', key: 'east_count', title: w('华东商机', 'East'), object: 'opportunity', measure: 'count', where: [{ kind: 'compare', field: 'region', op: 'eq', value: 'east' }] },
    { type: 'heatmap', key: 'amount_by_line', title: w('产品线金额', 'Amount by line'), object: 'opportunity', rows: 'region', columns: 'product_line', measure: 'sum', field: 'amount' },
  ],
};

export const repBoard: DashboardDefinition = {
  kind: 'dashboard',
  key: 'rep_board',
  label: l('销售看板', 'Rep board'),
  roles: ['sales_rep'],
  refreshSeconds: 30,
  widgets: [{ type: 'funnel', key: 'funnel', title: w('我的漏斗', 'My funnel'), pipeline: 'opportunity_pipeline' }],
};

export const analyticsMetadata = (): MetadataDocument[] => [
  opportunity,
  activity,
  pipeline,
  discountFlow,
  managerBoard,
  repBoard,
  ...matrixRoleDocuments(['opportunity', 'activity'], { sales_rep: { opportunity: { cost: 'hidden' } }, finance: { opportunity: { amount: 'hidden' } } }),
];

// ---------------------------------------------------------------------------------------------
// The generated data set

export interface Visit {
  stage: string;
  from: string | null;
  move: 'create' | 'next' | 'skip' | 'back' | 'won' | 'lost';
  enteredAt: Date;
  exitedAt: Date | null;
}

export interface Opp {
  id: string;
  owner: Exclude<MatrixUser, 'admin'>;
  ownerId: string;
  unit: MatrixUnit;
  unitId: string;
  name: string;
  amountCents: number | null;
  region: 'east' | 'south' | null;
  productLine: 'ball' | 'gate' | 'butterfly';
  closeDate: string | null;
  createdAt: Date;
  deleted: boolean;
  visits: Visit[];
  /** Item → when it was ticked off (absent: never). */
  checklist: Map<string, Date>;
  activities: Date[];
}

export interface Decision {
  recordId: string;
  step: 'manager' | 'director';
  createdAt: Date;
  actedAt: Date | null;
  action: 'approve' | 'reject' | 'return' | 'timeout' | null;
}

export interface DataSet {
  now: Date;
  opps: Opp[];
  decisions: Decision[];
}

export const current = (o: Opp): Visit => o.visits[o.visits.length - 1];
export const stageOf = (o: Opp): string => current(o).stage;

/** mulberry32: a small seeded generator, so the data set is the same every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const OWNERS: Array<Exclude<MatrixUser, 'admin'>> = ['rep_east', 'rep_south', 'manager_east', 'rep_east', 'rep_south'];

/**
 * `count` opportunities of the last ten weeks. The first two belong to the director and
 * stay in lead (so the director's later stages have nothing to divide by).
 */
export function generateDataSet(matrix: OrgMatrix, count = 240, seed = 20261126): DataSet {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const between = (a: number, b: number) => a + rnd() * (b - a);
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const latest = now.getTime() - 30 * 60_000;
  const opps: Opp[] = [];
  const decisions: Decision[] = [];

  for (let i = 0; i < count; i++) {
    const owner = i < 2 ? 'director' : pick(OWNERS);
    const unit = (matrix.users[owner].unit ?? 'company') as MatrixUnit;
    const created = Math.round(between(latest - 70 * DAY, latest - 2 * HOUR));
    // The path: forward through the open stages (sometimes skipping one, sometimes going back), then maybe won or lost.
    const path: Array<{ stage: string; move: Visit['move'] }> = [{ stage: 'lead', move: 'create' }];
    let at = 0;
    const steps = i < 2 ? 0 : Math.floor(rnd() * 5);
    for (let s = 0; s < steps && at < OPEN.length - 1; s++) {
      const skip = rnd() < 0.15 && at + 2 < OPEN.length;
      at += skip ? 2 : 1;
      path.push({ stage: OPEN[at], move: skip ? 'skip' : 'next' });
      if (at >= 2 && rnd() < 0.1) {
        at -= 1;
        path.push({ stage: OPEN[at], move: 'back' });
      }
    }
    const end = i < 2 ? 1 : rnd();
    if (end < 0.3) path.push({ stage: 'won', move: 'won' });
    else if (end < 0.55) path.push({ stage: 'lost', move: 'lost' });

    // Stays of random length, squeezed into the time between creation and "now".
    const lengths = path.slice(0, -1).map(() => between(2 * HOUR, 6 * DAY));
    const room = (latest - created) * 0.9;
    const total = lengths.reduce((a, b) => a + b, 0);
    const scale = total > room ? room / total : 1;
    const visits: Visit[] = [];
    let t = created;
    path.forEach((p, k) => {
      const exit = k < path.length - 1 ? Math.round(t + lengths[k] * scale) : null;
      visits.push({ stage: p.stage, from: k === 0 ? null : path[k - 1].stage, move: p.move, enteredAt: new Date(t), exitedAt: exit === null ? null : new Date(exit) });
      if (exit !== null) t = exit;
    });
    // Keep every current stay well away from its overdue threshold, so a test a minute later sees the same.
    const open = visits[visits.length - 1];
    const timeout = TIMEOUT_MS[open.stage];
    if (timeout && Math.abs(now.getTime() - open.enteredAt.getTime() - timeout) < 20 * 60_000) {
      open.enteredAt = new Date(open.enteredAt.getTime() - 45 * 60_000);
      if (visits.length > 1) visits[visits.length - 2].exitedAt = open.enteredAt;
    }

    const checklist = new Map<string, Date>();
    for (const [stage, item] of Object.entries(CHECKLIST)) {
      const first = visits.find((v) => v.stage === stage);
      if (!first) continue;
      const r = rnd();
      const deadline = first.enteredAt.getTime() + TIMEOUT_MS[stage];
      const done = r < 0.55 ? between(first.enteredAt.getTime(), deadline - 60_000) : r < 0.85 ? between(deadline + 60_000, deadline + 3 * DAY) : undefined;
      if (done !== undefined && done < latest) checklist.set(item, new Date(Math.round(done)));
    }
    const activities = rnd() < 0.7 ? Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => new Date(Math.round(Math.min(latest, between(created + 10 * 60_000, created + 5 * DAY))))) : [];

    const id = randomUUID();
    const quote = visits.find((v) => v.stage === 'quote');
    if (quote && rnd() < 0.5) {
      const managerAt = quote.enteredAt.getTime() + HOUR;
      const r = rnd();
      const managerActed = managerAt + between(0.5 * HOUR, 30 * HOUR);
      if (r < 0.1) decisions.push({ recordId: id, step: 'manager', createdAt: new Date(managerAt), actedAt: null, action: null });
      else if (r < 0.2) decisions.push({ recordId: id, step: 'manager', createdAt: new Date(managerAt), actedAt: new Date(Math.round(managerActed)), action: 'timeout' });
      else {
        const action = pick(['approve', 'approve', 'approve', 'reject', 'return'] as const);
        decisions.push({ recordId: id, step: 'manager', createdAt: new Date(managerAt), actedAt: new Date(Math.round(managerActed)), action });
        if (action === 'approve') decisions.push({ recordId: id, step: 'director', createdAt: new Date(Math.round(managerActed)), actedAt: new Date(Math.round(managerActed + between(HOUR, 48 * HOUR))), action: 'approve' });
      }
    }

    opps.push({
      id,
      owner,
      ownerId: matrix.users[owner].id,
      unit,
      unitId: matrix.units[unit].id,
      name: `Opportunity ${i}`,
      amountCents: i < 2 || rnd() > 0.05 ? Math.round(between(1_000_00, 500_000_00)) : null,
      region: rnd() < 0.1 ? null : owner === 'rep_south' ? 'south' : 'east',
      productLine: pick(['ball', 'gate', 'butterfly'] as const),
      closeDate: rnd() < 0.1 ? null : new Date(Math.round(between(now.getTime() - 40 * DAY, now.getTime() + 100 * DAY))).toISOString().slice(0, 10),
      createdAt: new Date(created),
      deleted: i >= 2 && rnd() < 0.04,
      visits,
      checklist,
      activities,
    });
  }
  return { now, opps, decisions };
}

const cents = (c: number | null) => (c === null ? null : `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`);

/** Multi-row INSERT with bound values, in chunks. */
async function insert(db: DataSource, table: string, columns: string[], rows: unknown[][], casts: string[] = []): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200);
    const values: unknown[] = [];
    const tuples = chunk.map((r) => `(${r.map((v, j) => { values.push(v); return `$${values.length}${casts[j] ? `::${casts[j]}` : ''}`; }).join(', ')})`);
    await db.query(`INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${tuples.join(', ')}`, values);
  }
}

/** Writes the data set into the server's database (records, history, checklist, activities, approvals). */
export async function seedDataSet(server: TesseraServer, data: DataSet): Promise<void> {
  const db = server.app.app.get(DataSource);
  await insert(
    db,
    'data.opportunity',
    ['id', 'owner_id', 'org_unit_id', 'created_at', 'updated_at', 'deleted_at', 'name', 'amount', 'cost', 'region', 'product_line', 'close_date', 'stage'],
    data.opps.map((o) => [o.id, o.ownerId, o.unitId, o.createdAt, o.createdAt, o.deleted ? data.now : null, o.name, cents(o.amountCents), '1.00', o.region, o.productLine, o.closeDate, stageOf(o)]),
    ['uuid', 'uuid', 'uuid', 'timestamptz', 'timestamptz', 'timestamptz', 'text', 'numeric', 'numeric', 'text', 'text', 'date', 'text'],
  );
  await insert(
    db,
    'stage_history',
    ['id', 'object', 'record_id', 'pipeline', 'stage', 'from_stage', 'move', 'entered_at', 'exited_at'],
    data.opps.flatMap((o) => o.visits.map((v) => [randomUUID(), 'opportunity', o.id, 'opportunity_pipeline', v.stage, v.from, v.move, v.enteredAt, v.exitedAt])),
    ['uuid', 'text', 'uuid', 'text', 'text', 'text', 'text', 'timestamptz', 'timestamptz'],
  );
  const ticks = data.opps.flatMap((o) => [...o.checklist].map(([item, at]) => ['opportunity', o.id, item, at]));
  if (ticks.length) await insert(db, 'checklist_item_state', ['object', 'record_id', 'item', 'done_at'], ticks, ['text', 'uuid', 'text', 'timestamptz']);
  const acts = data.opps.flatMap((o) => o.activities.map((at, k) => [randomUUID(), o.ownerId, o.unitId, at, at, `Visit ${k}`, o.id]));
  if (acts.length) await insert(db, 'data.activity', ['id', 'owner_id', 'org_unit_id', 'created_at', 'updated_at', 'subject', 'opportunity'], acts, ['uuid', 'uuid', 'uuid', 'timestamptz', 'timestamptz', 'text', 'uuid']);
  const submitter = data.opps[0].ownerId;
  const byRecord = new Map<string, Decision[]>();
  for (const d of data.decisions) byRecord.set(d.recordId, [...(byRecord.get(d.recordId) ?? []), d]);
  const instances: unknown[][] = [];
  const tasks: unknown[][] = [];
  for (const [recordId, ds] of byRecord) {
    const instance = randomUUID();
    instances.push([instance, 'discount', 1, 'opportunity', recordId, 'finished', 'approved', null, submitter, ds[0].createdAt, ds[ds.length - 1].actedAt, false, '{}']);
    ds.forEach((d, k) => {
      const state = d.action === null ? 'pending' : d.action === 'approve' ? 'approved' : d.action === 'reject' ? 'rejected' : d.action === 'return' ? 'returned' : 'escalated';
      tasks.push([randomUUID(), instance, d.step, 1, 0, k, submitter, state, 'route', d.createdAt, d.actedAt, d.action]);
    });
  }
  if (instances.length) {
    await insert(db, 'approval_instance', ['id', 'flow', 'flow_version', 'object', 'record_id', 'state', 'outcome', 'current_step', 'submitted_by', 'submitted_at', 'finished_at', 'locks_record', 'data'], instances, ['uuid', 'text', 'int', 'text', 'uuid', 'text', 'text', 'text', 'uuid', 'timestamptz', 'timestamptz', 'boolean', 'jsonb']);
    await insert(db, 'approval_task', ['id', 'instance_id', 'step', 'round', 'slot', 'order', 'assignee', 'state', 'origin', 'created_at', 'acted_at', 'action'], tasks, ['uuid', 'uuid', 'text', 'int', 'int', 'int', 'uuid', 'text', 'text', 'timestamptz', 'timestamptz', 'text']);
  }
  await db.query('ANALYZE');
}
