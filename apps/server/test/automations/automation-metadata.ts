import type { AutomationDefinition, MetadataDocument, ObjectDefinition } from '@tessera/metadata';
import { discountFlow, opportunity, testPipeline, visit } from '../fixtures/pipeline-metadata';
import { matrixRoleDocuments } from '../support/org-matrix';

/**
 * Metadata written for the automation tests (not a shipped pack): leads with a source,
 * region and grade, follow-up tasks pointing at leads, the stage-gate opportunity whose
 * `lead` stage times out after a second, and one automation per trigger and action kind.
 */
const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const opts = (...values: string[]) => values.map((v) => ({ value: v, label: l(v, v) }));

export const lead: ObjectDefinition = {
  kind: 'object',
  key: 'lead',
  label: l('线索', 'Lead'),
  titleField: 'title',
  fields: [
    { key: 'title', type: 'text', label: l('标题', 'Title') },
    { key: 'source', type: 'select', label: l('来源', 'Source'), options: opts('web', 'expo', 'referral') },
    { key: 'region', type: 'select', label: l('区域', 'Region'), options: opts('east', 'south', 'west') },
    { key: 'status', type: 'select', label: l('状态', 'Status'), options: opts('new', 'qualified', 'lost') },
    { key: 'revenue', type: 'currency', label: l('年收入', 'Revenue') },
    { key: 'overdue_days', type: 'number', label: l('逾期天数', 'Days overdue') },
    { key: 'grade', type: 'select', label: l('分级', 'Grade'), options: opts('star', 'stable', 'potential', 'risk') },
    { key: 'counter', type: 'number', label: l('计数', 'Counter') },
    { key: 'follow_up_on', type: 'datetime', label: l('跟进时间', 'Follow up on') },
    { key: 'erp_code', type: 'text', label: l('ERP 编码', 'ERP code'), unique: true },
    { key: 'payment', type: 'select', label: l('回款', 'Payment'), options: opts('ok', 'overdue') },
    { key: 'note', type: 'text', label: l('备注', 'Note') },
    { key: 'docs', type: 'attachment', label: l('资料', 'Documents'), categories: [{ key: 'tech_proposal', label: l('技术方案', 'Technical proposal') }, { key: 'other', label: l('其他', 'Other') }] },
  ],
};

export const task: ObjectDefinition = {
  kind: 'object',
  key: 'task',
  label: l('任务', 'Task'),
  titleField: 'title',
  fields: [
    { key: 'title', type: 'text', label: l('标题', 'Title') },
    { key: 'lead', type: 'relation', label: l('线索', 'Lead'), target: 'lead', onDelete: 'setNull' },
  ],
};

const automation = (key: string, a: Omit<AutomationDefinition, 'kind' | 'key' | 'label'>): AutomationDefinition => ({ kind: 'automation', key, label: l(key, key), ...a });
const notifyOwner = (title: string) => ({ kind: 'notify' as const, to: [{ kind: 'field' as const, field: 'owner_id' }], title: l(`${title}：{title}`, `${title}: {title}`) });

export const AUTOMATIONS: AutomationDefinition[] = [
  // record.created -> create a follow-up task, tell the owner's manager.
  automation('follow_up', {
    object: 'lead',
    trigger: { on: 'created' },
    when: { kind: 'compare', field: 'source', op: 'eq', value: 'expo' },
    actions: [
      { kind: 'createRecord', object: 'task', values: { title: { expression: "'跟进 ' & title" }, lead: { expression: 'id' } } },
      { kind: 'notify', to: [{ kind: 'manager' }], title: l('新展会线索：{title}（{region}）', 'New expo lead: {title} ({region})'), body: l('来源 {source}', 'Source {source}') },
    ],
  }),
  // field.changed with from/to and $previous -> set a field.
  automation('qualified', {
    object: 'lead',
    trigger: { on: 'fieldChanged', fields: ['status'], from: 'new', to: 'qualified' },
    when: { kind: 'expression', expression: "$previous.status = 'new' and status = 'qualified'", message: l('刚合格', 'Just qualified') },
    actions: [{ kind: 'setField', values: { note: { expression: "'qualified from ' & $previous.status" } } }],
  }),
  // record.updated -> classify by ordered rules.
  automation('grade', {
    object: 'lead',
    trigger: { on: 'fieldChanged', fields: ['revenue', 'overdue_days'] },
    actions: [
      {
        kind: 'classify',
        field: 'grade',
        rules: [
          { when: { kind: 'compare', field: 'overdue_days', op: 'gte', value: 30 }, value: 'risk' },
          { when: { kind: 'compare', field: 'revenue', op: 'gte', value: '10000000' }, value: 'star' },
          { when: { kind: 'compare', field: 'revenue', op: 'gte', value: '1000000' }, value: 'stable' },
        ],
        otherwise: 'potential',
      },
    ],
  }),
  // updated + the depth limit: every run writes the record again.
  automation('loop', {
    object: 'lead',
    trigger: { on: 'updated' },
    when: { kind: 'expression', expression: 'counter >= 1', message: l('计数中', 'Counting') },
    actions: [{ kind: 'setField', values: { counter: { expression: 'counter + 1' } } }],
  }),
  // A condition that runs too long.
  automation('slow', {
    object: 'lead',
    trigger: { on: 'fieldChanged', fields: ['note'] },
    when: { kind: 'expression', expression: "note = 'slow' and $count($reduce([1..300000], function($a, $b) { $append($a, $b) }, [])) > 0", message: l('慢', 'Slow') },
    actions: [notifyOwner('不该执行')],
  }),
  // file.attached (a tech proposal uploaded) -> the owner's manager reviews.
  automation('review_proposal', {
    object: 'lead',
    trigger: { on: 'fileAttached', field: 'docs', categories: ['tech_proposal'] },
    actions: [{ kind: 'notify', to: [{ kind: 'manager' }], title: l('请评审技术方案：{title}', 'Review the technical proposal: {title}') }],
  }),
  // Assignment: web leads round robin among the reps; expo leads mapped by region.
  automation('assign_web', {
    object: 'lead',
    trigger: { on: 'created' },
    when: { kind: 'compare', field: 'source', op: 'eq', value: 'web' },
    actions: [{ kind: 'assignOwner', strategy: 'roundRobin', role: 'sales_rep', scope: 'all' }],
  }),
  automation('assign_referral', {
    object: 'lead',
    trigger: { on: 'created' },
    when: { kind: 'compare', field: 'source', op: 'eq', value: 'referral' },
    actions: [{ kind: 'assignOwner', strategy: 'map', field: 'region', map: [{ value: 'south', user: 'rep_south' }, { value: 'east', unit: 'east_shanghai' }] }],
  }),
  // Relative: quiet for two seconds (no change of the lead nor of its tasks), and a date field.
  automation('quiet', {
    object: 'lead',
    trigger: { on: 'relative', offset: 'PT2S', noChange: { object: 'task', via: 'lead' } },
    when: { kind: 'compare', field: 'payment', op: 'eq', value: 'overdue' },
    actions: [notifyOwner('客户沉默')],
  }),
  automation('follow_up_due', {
    object: 'lead',
    trigger: { on: 'relative', offset: 'PT1S', field: 'follow_up_on' },
    actions: [notifyOwner('该跟进了')],
  }),
  // Schedule: every second, over qualified leads.
  automation('nightly_grade', {
    object: 'lead',
    trigger: { on: 'schedule', cron: '* * * * * *', where: [{ kind: 'compare', field: 'status', op: 'eq', value: 'lost' }] },
    actions: [{ kind: 'setField', values: { grade: { value: 'risk' } } }],
  }),
  // Stages and approvals on the opportunity.
  automation('entered_quote', {
    object: 'opportunity',
    trigger: { on: 'stageEntered', stages: ['confirm'] },
    actions: [{ kind: 'notify', to: [{ kind: 'role', role: 'sales_director', scope: 'anywhere' }], title: l('「{title}」进入需求确认', '{title} entered confirm') }],
  }),
  automation('overdue_lead', {
    object: 'opportunity',
    trigger: { on: 'stageOverdue', stages: ['lead'] },
    actions: [{ kind: 'setField', values: { region: { value: 'west' } } }],
  }),
  automation('big_deal', {
    object: 'opportunity',
    trigger: { on: 'fieldChanged', fields: ['amount'] },
    when: { kind: 'compare', field: 'amount', op: 'gte', value: '500000' },
    actions: [{ kind: 'startApproval', flow: 'discount' }],
  }),
  automation('approved', {
    object: 'opportunity',
    trigger: { on: 'approvalFinished', flow: 'discount', outcome: 'approved' },
    actions: [notifyOwner('折扣已批准')],
  }),
];

export const automationMetadata = (extra: AutomationDefinition[] = []): MetadataDocument[] => [
  opportunity,
  visit,
  discountFlow,
  testPipeline({ lead: { timeout: { after: 'PT1S' } } }),
  lead,
  task,
  ...AUTOMATIONS,
  ...extra,
  ...matrixRoleDocuments(['opportunity', 'visit', 'lead', 'task']),
];
