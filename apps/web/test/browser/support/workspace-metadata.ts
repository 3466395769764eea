/**
 * Metadata written for the browser tests (not a shipped pack): customers with a duplicate
 * rule on the tax id, opportunities through a pipeline whose 需求确认 stage needs a survey
 * upload to leave, quotes with a below-cost warning and a manager approval, visits with a
 * geo point. Everything the workspace shows comes from these documents.
 */
const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });

const permissions = (actions: string[], readScope: string) =>
  ['customer', 'opportunity', 'quote', 'visit'].map((object) => ({ object, actions, readScope }));

export const workspaceMetadata: unknown[] = [
  {
    kind: 'object',
    key: 'customer',
    label: l('客户', 'Customer'),
    titleField: 'name',
    fields: [
      { key: 'name', type: 'text', label: l('客户名称', 'Customer name'), required: true, searchable: true },
      { key: 'tax_id', type: 'text', label: l('税号', 'Tax id'), searchable: true },
      { key: 'region', type: 'select', label: l('区域', 'Region'), options: [{ value: 'east', label: l('华东', 'East') }, { value: 'south', label: l('华南', 'South') }] },
    ],
    duplicateRules: [{ key: 'tax_id', fields: ['tax_id'], normalize: 'alnum', message: l('税号已存在', 'Tax id exists') }],
  },
  {
    kind: 'object',
    key: 'opportunity',
    label: l('商机', 'Opportunity'),
    titleField: 'title',
    fields: [
      { key: 'title', type: 'text', label: l('商机名称', 'Title'), required: true, searchable: true },
      { key: 'customer', type: 'relation', label: l('客户', 'Customer'), target: 'customer' },
      { key: 'amount', type: 'currency', label: l('预计金额', 'Amount'), min: 0 },
      { key: 'docs', type: 'attachment', label: l('资料', 'Documents'), categories: [{ key: 'survey', label: l('需求调研表', 'Requirement survey') }] },
      {
        key: 'stage',
        type: 'select',
        label: l('阶段', 'Stage'),
        options: [
          { value: 'lead', label: l('线索', 'Lead') },
          { value: 'confirm', label: l('需求确认', 'Needs confirmed') },
          { value: 'quote', label: l('方案报价', 'Proposal') },
          { value: 'won', label: l('赢单', 'Won') },
          { value: 'lost', label: l('输单', 'Lost') },
        ],
      },
    ],
  },
  {
    kind: 'pipeline',
    key: 'opportunity_sales',
    object: 'opportunity',
    stageField: 'stage',
    label: l('项目销售', 'Project sale'),
    amountField: 'amount',
    stages: [
      { key: 'lead', label: l('线索', 'Lead'), probability: 10, forecastCategory: 'pipeline' },
      {
        key: 'confirm',
        label: l('需求确认', 'Needs confirmed'),
        probability: 30,
        forecastCategory: 'pipeline',
        exit: [{ kind: 'attachment', field: 'docs', category: 'survey' }],
      },
      { key: 'quote', label: l('方案报价', 'Proposal'), probability: 60, forecastCategory: 'bestCase' },
      { key: 'won', label: l('赢单', 'Won'), type: 'won', probability: 100, forecastCategory: 'closed', reasons: [{ value: 'price', label: l('价格优势', 'Price') }] },
      { key: 'lost', label: l('输单', 'Lost'), type: 'lost', probability: 0, forecastCategory: 'omitted', reasons: [{ value: 'competitor', label: l('竞品', 'Competitor') }] },
    ],
  },
  {
    kind: 'object',
    key: 'quote',
    label: l('报价单', 'Quote'),
    titleField: 'title',
    fields: [
      { key: 'title', type: 'text', label: l('报价标题', 'Title'), required: true, searchable: true },
      { key: 'amount', type: 'currency', label: l('报价金额', 'Amount'), required: true, min: 0 },
      { key: 'cost', type: 'currency', label: l('成本', 'Cost'), min: 0 },
      { key: 'status', type: 'select', label: l('审批状态', 'Approval status'), options: [{ value: 'approved', label: l('已批准', 'Approved') }, { value: 'rejected', label: l('已驳回', 'Rejected') }] },
    ],
    rules: [{ key: 'below_cost', expression: '$not($exists(cost)) or amount >= cost', message: l('报价低于成本', 'Price below cost'), severity: 'warning', field: 'amount' }],
  },
  {
    kind: 'approvalFlow',
    key: 'quote_approval',
    object: 'quote',
    label: l('报价审批', 'Quote approval'),
    start: { manual: true },
    steps: [{ key: 'regional', label: l('区域经理审批', 'Regional manager'), approvers: [{ kind: 'role', role: 'sales_manager', scope: 'ownerChain' }] }],
    onApproved: [{ kind: 'setField', values: { status: { value: 'approved' } } }],
    onRejected: [{ kind: 'setField', values: { status: { value: 'rejected' } } }],
  },
  {
    kind: 'object',
    key: 'visit',
    label: l('拜访', 'Visit'),
    titleField: 'subject',
    fields: [
      { key: 'subject', type: 'text', label: l('拜访主题', 'Subject'), required: true },
      { key: 'customer', type: 'relation', label: l('客户', 'Customer'), target: 'customer' },
      { key: 'location', type: 'geopoint', label: l('签到位置', 'Check-in location') },
    ],
  },
  { kind: 'role', key: 'sales_rep', label: l('销售代表', 'Sales rep'), permissions: permissions(['read', 'create', 'update', 'moveStage'], 'own') },
  { kind: 'role', key: 'sales_manager', label: l('区域经理', 'Regional manager'), permissions: permissions(['read', 'create', 'update', 'moveStage', 'export'], 'orgUnitAndBelow') },
];
