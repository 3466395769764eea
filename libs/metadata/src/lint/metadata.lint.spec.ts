import { loadSamplePack } from '../../test/sample-pack.fixture';
import type { MetadataIssue } from '../issues/metadata-issue';
import { validatePack } from '../pack/pack.validate';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Docs = Record<string, Doc>;

/** Runs the whole pack check after one mutation of the sample pack. */
function issuesAfter(mutate: (docs: Docs) => void): MetadataIssue[] {
  const pack = loadSamplePack();
  mutate(pack.documents as Docs);
  return validatePack(pack).issues;
}

const DEAL = 'objects/deal.json';
const ACCOUNT = 'objects/account.json';
const FORM = 'forms/deal_main.json';
const PIPE = 'pipelines/deal_pipeline.json';
const FLOW = 'approvals/deal_discount.json';
const OVERDUE = 'automations/deal_overdue.json';
const GRADE = 'automations/account_grade.json';
const REP = 'roles/sales_rep.json';
const DASH = 'dashboards/sales_overview.json';
const DEMO_DEALS = 'demo/deals.json';
/** Index of sales_stage, the deal pipeline's stage field, in the deal's fields. */
const STAGE_FIELD = 11;

type Case = [string, (d: Docs) => void, { document: string; path: string; code: string; severity?: 'error' | 'warning' }];

const cases: Case[] = [
  // objects
  ['a relation to a missing object', (d) => (d[DEAL].fields[2].target = 'customer'), { document: DEAL, path: '/fields/2/target', code: 'ref.unknown-object' }],
  ['two fields with one key', (d) => (d[DEAL].fields[4].key = 'amount'), { document: DEAL, path: '/fields/4/key', code: 'field.duplicate' }],
  ['a title field that does not exist', (d) => (d[DEAL].titleField = 'name'), { document: DEAL, path: '/titleField', code: 'ref.unknown-field' }],
  ['a rollup via a relation that points elsewhere', (d) => (d[ACCOUNT].fields[4].via = 'engineer'), { document: ACCOUNT, path: '/fields/4/via', code: 'ref.field-type' }],
  ['a sum over a text field', (d) => (d[ACCOUNT].fields[5].field = 'title'), { document: ACCOUNT, path: '/fields/5/field', code: 'ref.field-type' }],
  ['a sum without the field it sums', (d) => delete d[ACCOUNT].fields[5].field, { document: ACCOUNT, path: '/fields/5/field', code: 'rollup.field-required' }],
  ['a formula that does not parse', (d) => (d[DEAL].fields[8].expression = 'amount * (1 - '), { document: DEAL, path: '/fields/8/expression', code: 'expression.syntax' }],
  ['a rule on a missing field', (d) => (d[DEAL].rules[0].field = 'rebate'), { document: DEAL, path: '/rules/0/field', code: 'ref.unknown-field' }],
  ['a duplicate rule over a missing field', (d) => (d[ACCOUNT].duplicateRules[0].fields = ['name', 'tax_no']), { document: ACCOUNT, path: '/duplicateRules/0/fields/1', code: 'ref.unknown-field' }],
  ['a select option declared twice', (d) => (d[DEAL].fields[6].options[1].value = 'east'), { document: DEAL, path: '/fields/6/options/1/value', code: 'option.duplicate' }],
  ['a select default that is not an option', (d) => (d[DEAL].fields[6].default = 'west'), { document: DEAL, path: '/fields/6/default', code: 'ref.unknown-option' }],
  // forms
  ['a form field that does not exist', (d) => (d[FORM].tabs[0].sections[0].items[0].field = 'subject'), { document: FORM, path: '/tabs/0/sections/0/items/0/field', code: 'ref.unknown-field' }],
  ['a widget that cannot edit the field', (d) => (d[FORM].tabs[0].sections[0].items[2].widget = 'switch'), { document: FORM, path: '/tabs/0/sections/0/items/2/widget', code: 'form.widget-mismatch' }],
  ['a field placed twice', (d) => d[FORM].tabs[0].sections[0].items.push({ kind: 'field', field: 'amount' }), { document: FORM, path: '/tabs/0/sections/0/items/7/field', code: 'form.field-repeated', severity: 'warning' }],
  ['a create form without a required field', (d) => d[FORM].tabs[0].sections[0].items.splice(1, 1), { document: FORM, path: '/tabs', code: 'form.required-missing', severity: 'warning' }],
  ['a related list via a field of the wrong object', (d) => (d[FORM].tabs[0].sections[2].items[0].via = 'product'), { document: FORM, path: '/tabs/0/sections/2/items/0/via', code: 'ref.field-type' }],
  ['a section key used twice', (d) => (d[FORM].tabs[0].sections[1].key = 'basics'), { document: FORM, path: '/tabs/0/sections/1/key', code: 'form.duplicate-key' }],
  ['a visibility condition on a missing field', (d) => (d[FORM].tabs[0].sections[1].visibleWhen.field = 'customer'), { document: FORM, path: '/tabs/0/sections/1/visibleWhen/field', code: 'ref.unknown-field' }],
  // conditions (through pipelines and forms)
  ['in with a single value', (d) => (d[FORM].tabs[0].sections[0].items[3].readOnlyWhen.value = 'won'), { document: FORM, path: '/tabs/0/sections/0/items/3/readOnlyWhen/value', code: 'condition.compare' }],
  ['a condition on "stage", which is no system field (the stage is the pipeline\'s stageField)', (d) => (d[FORM].tabs[0].sections[0].items[3].readOnlyWhen.field = 'stage'), { document: FORM, path: '/tabs/0/sections/0/items/3/readOnlyWhen/field', code: 'ref.unknown-field' }],
  ['a stage value that is not a stage', (d) => (d[FORM].tabs[0].sections[0].items[3].readOnlyWhen.value = ['won', 'closed']), { document: FORM, path: '/tabs/0/sections/0/items/3/readOnlyWhen/value', code: 'condition.compare' }],
  ['an amount compared with a word', (d) => (d[FLOW].steps[1].when.value = 'half a million'), { document: FLOW, path: '/steps/1/when/value', code: 'condition.compare' }],
  ['gt on a select field', (d) => (d[OVERDUE].when = { kind: 'compare', field: 'region', op: 'gt', value: 'east' }), { document: OVERDUE, path: '/when/value', code: 'condition.compare' }],
  ['isEmpty with a value', (d) => (d[OVERDUE].when = { kind: 'compare', field: 'amount', op: 'isEmpty', value: 0 }), { document: OVERDUE, path: '/when/value', code: 'condition.compare' }],
  ['an attachment category not declared', (d) => (d[PIPE].stages[0].exit[1].category = 'site_photo'), { document: PIPE, path: '/stages/0/exit/1/category', code: 'ref.unknown-category' }],
  ['an attachment condition on a non-attachment field', (d) => (d[PIPE].stages[0].exit[1].field = 'title'), { document: PIPE, path: '/stages/0/exit/1/field', code: 'ref.field-type' }],
  ['a checklist item no stage declares', (d) => (d[PIPE].stages[0].exit[2].item = 'demo_done'), { document: PIPE, path: '/stages/0/exit/2/item', code: 'ref.unknown-checklist-item' }],
  ['an approval condition on a missing flow', (d) => (d[PIPE].stages[1].exit[0].flow = 'price_approval'), { document: PIPE, path: '/stages/1/exit/0/flow', code: 'ref.unknown-flow' }],
  ['a related condition via a relation to another object', (d) => (d[PIPE].stages[1].exit[1].object = 'account'), { document: PIPE, path: '/stages/1/exit/1/via', code: 'ref.unknown-field' }],
  ['an expression condition that does not parse', (d) => (d[PIPE].stages[2].exit[0].expression = 'amount >'), { document: PIPE, path: '/stages/2/exit/0/expression', code: 'expression.syntax' }],
  ['a nested condition on a missing field', (d) => (d[PIPE].stages[2].exit = [{ kind: 'any', conditions: [{ kind: 'filled', field: 'amount' }, { kind: 'all', conditions: [{ kind: 'filled', field: 'budget' }] }] }]), { document: PIPE, path: '/stages/2/exit/0/conditions/1/conditions/0/field', code: 'ref.unknown-field' }],
  // pipelines
  ['a pipeline on a missing object', (d) => (d[PIPE].object = 'opportunity'), { document: PIPE, path: '/object', code: 'ref.unknown-object' }],
  ['two stages with one key', (d) => (d[PIPE].stages[2].key = 'propose'), { document: PIPE, path: '/stages/2/key', code: 'stage.duplicate' }],
  ['an open stage after a terminal one', (d) => d[PIPE].stages.push({ key: 'reopened', label: { 'zh-CN': '重开', en: 'Reopened' }, probability: 10, forecastCategory: 'pipeline' }), { document: PIPE, path: '/stages/5/type', code: 'pipeline.stage-order' }],
  ['a terminal first stage', (d) => (d[PIPE].stages = [d[PIPE].stages[4], ...d[PIPE].stages.slice(0, 4)]), { document: PIPE, path: '/stages/0/type', code: 'pipeline.first-stage' }],
  ['a lost stage requiring a reason but offering none', (d) => delete d[PIPE].stages[4].reasons, { document: PIPE, path: '/stages/4/reasons', code: 'pipeline.reasons-missing' }],
  ['reasons on an open stage', (d) => (d[PIPE].stages[0].reasons = d[PIPE].stages[4].reasons), { document: PIPE, path: '/stages/0/reasons', code: 'pipeline.reasons-on-open' }],
  ['a timeout on a terminal stage', (d) => (d[PIPE].stages[3].timeout = { after: 'P1D' }), { document: PIPE, path: '/stages/3/timeout', code: 'pipeline.timeout-on-terminal' }],
  ['a won stage below 100%', (d) => (d[PIPE].stages[3].probability = 90), { document: PIPE, path: '/stages/3/probability', code: 'pipeline.probability', severity: 'warning' }],
  ['no lost stage', (d) => d[PIPE].stages.pop(), { document: PIPE, path: '/stages', code: 'pipeline.no-lost', severity: 'warning' }],
  ['a move to a missing stage', (d) => (d[PIPE].stages[0].allowedMoves = ['propose', 'closed']), { document: PIPE, path: '/stages/0/allowedMoves/1', code: 'ref.unknown-stage' }],
  ['a forecast amount that is not a number', (d) => (d[PIPE].amountField = 'title'), { document: PIPE, path: '/amountField', code: 'ref.field-type' }],
  ['a checklist item declared twice', (d) => (d[PIPE].stages[1].checklist = [{ key: 'site_visit', label: { 'zh-CN': '拜访', en: 'Visit' } }]), { document: PIPE, path: '/stages/1/checklist/0/key', code: 'checklist.duplicate' }],
  ['a timeout action moving to a missing stage', (d) => d[PIPE].stages[0].timeout.actions.push({ kind: 'moveStage', stage: 'archived', force: true }), { document: PIPE, path: '/stages/0/timeout/actions/1/stage', code: 'ref.unknown-stage' }],
  ['a stage field that does not exist', (d) => (d[PIPE].stageField = 'phase'), { document: PIPE, path: '/stageField', code: 'pipeline.stage-field-missing' }],
  ['a stage field that is not a select', (d) => (d[PIPE].stageField = 'title'), { document: PIPE, path: '/stageField', code: 'pipeline.stage-field-type' }],
  ['a system field as the stage field', (d) => (d[PIPE].stageField = 'owner_id'), { document: PIPE, path: '/stageField', code: 'pipeline.stage-field-type' }],
  ['a retired stage field', (d) => (d[DEAL].fields[STAGE_FIELD].retired = true), { document: PIPE, path: '/stageField', code: 'pipeline.stage-field-retired' }],
  ['a stage that is not an option of the stage field', (d) => d[DEAL].fields[STAGE_FIELD].options.splice(2, 1), { document: PIPE, path: '/stageField', code: 'pipeline.stage-options-missing' }],
  ['a stage whose option is retired', (d) => (d[DEAL].fields[STAGE_FIELD].options[2].retired = true), { document: PIPE, path: '/stageField', code: 'pipeline.stage-options-missing' }],
  ['an option of the stage field that is not a stage', (d) => d[DEAL].fields[STAGE_FIELD].options.push({ value: 'on_hold', label: { 'zh-CN': '搁置', en: 'On hold' } }), { document: PIPE, path: '/stageField', code: 'pipeline.stage-options-extra' }],
  ['stage options out of stage order', (d) => d[DEAL].fields[STAGE_FIELD].options.reverse(), { document: PIPE, path: '/stageField', code: 'pipeline.stage-options-order' }],
  ['a stage field defaulting to a later stage', (d) => (d[DEAL].fields[STAGE_FIELD].default = 'propose'), { document: PIPE, path: '/stageField', code: 'pipeline.stage-field-default' }],
  ['a second pipeline for one object', (d) => (d['pipelines/second.json'] = { ...d[PIPE], key: 'second_pipeline' }), { document: 'pipelines/second.json', path: '/object', code: 'pipeline.object-taken' }],
  // approval flows
  ['an approver role that does not exist', (d) => (d[FLOW].steps[0].approvers[0].role = 'regional_director'), { document: FLOW, path: '/steps/0/approvers/0/role', code: 'ref.unknown-role' }],
  ['an approver field that is not a user', (d) => (d[FLOW].steps[1].approvers[1].field = 'amount'), { document: FLOW, path: '/steps/1/approvers/1/field', code: 'ref.field-type' }],
  ['a start on a missing stage', (d) => (d[FLOW].start.onStageEnter = ['quote']), { document: FLOW, path: '/start/onStageEnter/0', code: 'ref.unknown-stage' }],
  ['a flow that can never start', (d) => (d[FLOW].start = { manual: false }), { document: FLOW, path: '/start', code: 'approval.never-starts' }],
  ['a reassign escalation without a target', (d) => delete d[FLOW].steps[0].escalations[1].to, { document: FLOW, path: '/steps/0/escalations/1/to', code: 'approval.reassign-target' }],
  ['an outcome setting a computed field', (d) => (d[FLOW].onApproved[0].values = { net_amount: { value: 1 } }), { document: FLOW, path: '/onApproved/0/values/net_amount', code: 'action.field-not-writable' }],
  ['an outcome writing the stage field instead of moving the stage', (d) => (d[FLOW].onApproved[0].values = { sales_stage: { value: 'won' } }), { document: FLOW, path: '/onApproved/0/values/sales_stage', code: 'action.stage-field' }],
  ['two steps with one key', (d) => (d[FLOW].steps[1].key = 'manager'), { document: FLOW, path: '/steps/1/key', code: 'step.duplicate' }],
  ['a quorum step without its quorum', (d) => (d[FLOW].steps[1].mode = 'quorum'), { document: FLOW, path: '/steps/1/quorum', code: 'approval.quorum-missing' }],
  ['a quorum two single users cannot reach', (d) => Object.assign(d[FLOW].steps[1], { mode: 'quorum', quorum: 3, approvers: [{ kind: 'field', field: 'engineer' }, { kind: 'manager' }] }), { document: FLOW, path: '/steps/1/quorum', code: 'approval.quorum-unreachable' }],
  ['an escalation at the sla of a step without one', (d) => (d[FLOW].steps[1].escalations = [{ action: 'escalate' }]), { document: FLOW, path: '/steps/1/escalations/0/after', code: 'approval.escalation-when' }],
  ['an editable field that does not exist', (d) => (d[FLOW].editableFields = ['remark']), { document: FLOW, path: '/editableFields/0', code: 'ref.unknown-field' }],
  ['an on-save start that does not parse', (d) => (d[FLOW].start.onSave = { kind: 'expression', expression: 'discount >', message: { 'zh-CN': '折扣', en: 'Discount' } }), { document: FLOW, path: '/start/onSave/expression', code: 'expression.syntax' }],
  // automations
  ['a stage trigger on a missing stage', (d) => (d[OVERDUE].trigger.stages = ['negotiation']), { document: OVERDUE, path: '/trigger/stages/0', code: 'ref.unknown-stage' }],
  ['an overdue trigger on a stage without timeout', (d) => (d[OVERDUE].trigger.stages = ['propose']), { document: OVERDUE, path: '/trigger/stages/0', code: 'automation.no-timeout', severity: 'warning' }],
  ['a stage trigger on an object without pipeline', (d) => (d[GRADE].trigger = { on: 'stageEntered', stages: ['won'] }), { document: GRADE, path: '/trigger/stages/0', code: 'ref.no-pipeline' }],
  ['a watched field that does not exist', (d) => (d[GRADE].trigger.fields = ['revenue']), { document: GRADE, path: '/trigger/fields/0', code: 'ref.unknown-field' }],
  ['an approval trigger on another object\'s flow', (d) => (d[GRADE].trigger = { on: 'approvalFinished', flow: 'deal_discount' }), { document: GRADE, path: '/trigger/flow', code: 'ref.flow-object' }],
  ['classify into a value that is not an option', (d) => (d[GRADE].actions[0].rules[1].value = 'b_plus'), { document: GRADE, path: '/actions/0/rules/1/value', code: 'ref.unknown-option' }],
  ['classify a field that is not a select', (d) => (d[GRADE].actions[0].field = 'name'), { document: GRADE, path: '/actions/0/field', code: 'ref.field-type' }],
  ['a webhook body that does not parse', (d) => (d[OVERDUE].actions[1].body = '{ "deal": title'), { document: OVERDUE, path: '/actions/1/body', code: 'expression.syntax' }],
  ['a created record missing a required field', (d) => d[OVERDUE].actions.push({ kind: 'createRecord', object: 'deal_line', values: { deal: { expression: 'id' } } }), { document: OVERDUE, path: '/actions/2/values', code: 'action.required-missing', severity: 'warning' }],
  ['round robin without a role', (d) => d[OVERDUE].actions.push({ kind: 'assignOwner', strategy: 'roundRobin' }), { document: OVERDUE, path: '/actions/2/role', code: 'action.assign-role' }],
  ['a relative trigger on a text field', (d) => (d[GRADE].trigger = { on: 'relative', offset: 'P7D', field: 'name' }), { document: GRADE, path: '/trigger/field', code: 'ref.field-type' }],
  ['a quiet period counted before', (d) => (d[GRADE].trigger = { on: 'relative', offset: 'P60D', direction: 'before', noChange: {} }), { document: GRADE, path: '/trigger/direction', code: 'automation.before-needs-field' }],
  ['a quiet period via a relation to another object', (d) => (d[OVERDUE].trigger = { on: 'relative', offset: 'P60D', noChange: { object: 'deal', via: 'account' } }), { document: OVERDUE, path: '/trigger/noChange/via', code: 'ref.relation-target' }],
  ['a quiet period without its relation', (d) => (d[GRADE].trigger = { on: 'relative', offset: 'P60D', noChange: { object: 'deal' } }), { document: GRADE, path: '/trigger/noChange/via', code: 'automation.related-via' }],
  ['an upload trigger on a category not declared', (d) => (d[OVERDUE].trigger = { on: 'fileAttached', field: 'documents', categories: ['tech_proposal'] }), { document: OVERDUE, path: '/trigger/categories/0', code: 'ref.unknown-category' }],
  ['an upload trigger on a field that holds no files', (d) => (d[OVERDUE].trigger = { on: 'fileAttached', field: 'title' }), { document: OVERDUE, path: '/trigger/field', code: 'ref.field-type' }],
  ['a mapped assignment without its field', (d) => d[OVERDUE].actions.push({ kind: 'assignOwner', strategy: 'map', map: [{ value: 'east', user: 'rep_east' }] }), { document: OVERDUE, path: '/actions/2/field', code: 'action.assign-field' }],
  ['a mapped assignment over a missing field', (d) => d[OVERDUE].actions.push({ kind: 'assignOwner', strategy: 'map', field: 'province', map: [{ value: 'east', user: 'rep_east' }] }), { document: OVERDUE, path: '/actions/2/field', code: 'ref.unknown-field' }],
  ['round robin in a unit the org does not have', (d) => d[OVERDUE].actions.push({ kind: 'assignOwner', strategy: 'roundRobin', unit: 'mars_office' }), { document: OVERDUE, path: '/actions/2/unit', code: 'ref.unknown-unit', severity: 'warning' }],
  ['a notification to a manager of a non-user field', (d) => (d[OVERDUE].actions[0].to = [{ kind: 'manager', of: 'account' }]), { document: OVERDUE, path: '/actions/0/to/0/of', code: 'ref.field-type' }],
  // roles
  ['a permission on a missing object', (d) => (d[REP].permissions[0].object = 'lead'), { document: REP, path: '/permissions/0/object', code: 'ref.unknown-object' }],
  ['write scope wider than read scope', (d) => (d[REP].permissions[1].writeScope = 'all'), { document: REP, path: '/permissions/1/writeScope', code: 'role.write-wider-than-read' }],
  ['update without read', (d) => (d[REP].permissions[2].actions = ['update']), { document: REP, path: '/permissions/2/actions', code: 'role.write-without-read' }],
  ['field access to a missing field', (d) => (d[REP].permissions[1].fields = { rebate: 'hidden' }), { document: REP, path: '/permissions/1/fields/rebate', code: 'ref.unknown-field' }],
  ['two permissions for one object', (d) => (d[REP].permissions[2].object = 'deal'), { document: REP, path: '/permissions/2/object', code: 'role.duplicate-object' }],
  // org
  ['a parent unit that does not exist', (d) => (d['org.json'].units[1].parent = 'asia'), { document: 'org.json', path: '/units/1/parent', code: 'ref.unknown-unit' }],
  ['a cycle in the org tree', (d) => (d['org.json'].units[0].parent = 'east'), { document: 'org.json', path: '/units/0/parent', code: 'org.cycle' }],
  ['a second org tree', (d) => (d['org2.json'] = { ...d['org.json'], key: 'other_org' }), { document: 'org2.json', path: '/key', code: 'org.multiple' }],
  // dashboards
  ['a widget on a missing pipeline', (d) => (d[DASH].widgets[0].pipeline = 'sales'), { document: DASH, path: '/widgets/0/pipeline', code: 'ref.unknown-pipeline' }],
  ['a conversion from a missing stage', (d) => (d[DASH].widgets[3].from = 'lead'), { document: DASH, path: '/widgets/3/from', code: 'ref.unknown-stage' }],
  ['a forecast on a pipeline without close dates', (d) => delete d[PIPE].closeDateField, { document: DASH, path: '/widgets/1/pipeline', code: 'dashboard.no-forecast-fields' }],
  ['a heatmap summing a text field', (d) => (d[DASH].widgets[5].field = 'title'), { document: DASH, path: '/widgets/5/field', code: 'ref.field-type' }],
  ['a heatmap dimension that is a number', (d) => (d[DASH].widgets[5].rows = 'amount'), { document: DASH, path: '/widgets/5/rows', code: 'ref.field-type' }],
  ['a KPI filtered on a missing stage', (d) => (d[DASH].widgets[6].where[0].value = 'closed_won'), { document: DASH, path: '/widgets/6/where/0/value', code: 'condition.compare' }],
  ['a dashboard for a missing role', (d) => (d[DASH].roles = ['ceo']), { document: DASH, path: '/roles/0', code: 'ref.unknown-role' }],
  ['a loss-rate heatmap whose rows are not the stages', (d) => (d[DASH].widgets[7].rows = 'region'), { document: DASH, path: '/widgets/7/rows', code: 'dashboard.loss-rate-rows' }],
  ['a loss-rate heatmap on an object without a pipeline', (d) => Object.assign(d[DASH].widgets[7], { object: 'account', rows: 'name', columns: 'owner_id' }), { document: DASH, path: '/widgets/7/measure', code: 'ref.no-pipeline' }],
  ['a KPI with a figure and a measure', (d) => Object.assign(d[DASH].widgets[8], { measure: 'sum', field: 'amount' }), { document: DASH, path: '/widgets/8/figure', code: 'dashboard.kpi-figure-measure' }],
  ['a forecast KPI on a pipeline without close dates', (d) => delete d[PIPE].closeDateField, { document: DASH, path: '/widgets/8/figure', code: 'dashboard.no-forecast-fields' }],
  ['a follow-up relation that points at another object', (d) => (d[DASH].widgets[9].followUp = { object: 'deal', via: 'account' }), { document: DASH, path: '/widgets/9/followUp/via', code: 'ref.field-type' }],
  ['a follow-up through a missing field', (d) => (d[DASH].widgets[9].followUp.via = 'opportunity'), { document: DASH, path: '/widgets/9/followUp/via', code: 'ref.unknown-field' }],
  ['a widget period on a text field', (d) => (d[DASH].widgets[0].dateField = 'title'), { document: DASH, path: '/widgets/0/dateField', code: 'ref.field-type' }],
  ['a filter-bar field no widget object has', (d) => d[DASH].filters.push('tax_no'), { document: DASH, path: '/filters/3', code: 'ref.unknown-field' }],
  ['an unknown time zone', (d) => (d[DASH].timeZone = 'Mars/Olympus'), { document: DASH, path: '/timeZone', code: 'dashboard.time-zone' }],
  // demo data
  ['a demo relation to a missing ref', (d) => (d[DEMO_DEALS].records[0].values.account = 'initech'), { document: DEMO_DEALS, path: '/records/0/values/account', code: 'demo.unknown-ref' }],
  ['a demo value that is not an option', (d) => (d[DEMO_DEALS].records[0].values.region = 'west'), { document: DEMO_DEALS, path: '/records/0/values/region', code: 'demo.value' }],
  ['a demo amount that is not a decimal', (d) => (d[DEMO_DEALS].records[0].values.amount = '250k'), { document: DEMO_DEALS, path: '/records/0/values/amount', code: 'demo.value' }],
  ['a demo value for a computed field', (d) => (d[DEMO_DEALS].records[0].values.net_amount = '1'), { document: DEMO_DEALS, path: '/records/0/values/net_amount', code: 'demo.field-not-writable' }],
  ['a demo record in a missing stage', (d) => (d[DEMO_DEALS].records[1].stage = 'closed'), { document: DEMO_DEALS, path: '/records/1/stage', code: 'ref.unknown-stage' }],
  ['a demo record setting the stage field in values', (d) => (d[DEMO_DEALS].records[0].values.sales_stage = 'won'), { document: DEMO_DEALS, path: '/records/0/values/sales_stage', code: 'demo.stage-field' }],
  ['two demo records with one ref', (d) => (d[DEMO_DEALS].records[1].ref = 'acme_pumps'), { document: DEMO_DEALS, path: '/records/1/ref', code: 'demo.duplicate-ref' }],
  // across documents and the manifest
  ['two objects with one key', (d) => (d['objects/deal_copy.json'] = { ...d[DEAL] }), { document: 'objects/deal_copy.json', path: '/key', code: 'key.duplicate' }],
];

describe('lintMetadata (through validatePack)', () => {
  it.each(cases)('reports %s', (_what, mutate, expected) => {
    const issues = issuesAfter(mutate);
    expect(issues).toContainEqual(expect.objectContaining({ ...expected, severity: expected.severity ?? 'error' }));
  });

  it('names the document in the message of a key declared twice', () => {
    const issues = issuesAfter((d) => (d['objects/deal_copy.json'] = { ...d[DEAL] }));
    expect(issues.find((i) => i.code === 'key.duplicate')?.message).toBe('object:deal is already declared in objects/deal.json');
  });

  it('reports a document that fails its schema once, not again in every document that refers to it', () => {
    const issues = issuesAfter((d) => (d[DEAL].fields[1].key = 'owner_id'));
    expect(issues).toEqual([expect.objectContaining({ document: DEAL, path: '/fields/1/key', code: 'schema.not' })]);
  });

  it('still reports a reference to a document that is truly missing, next to an invalid one', () => {
    const issues = issuesAfter((d) => {
      d[DEAL].fields[1].key = 'owner_id';
      d[FORM].object = 'opportunity';
    });
    expect(issues.map((i) => [i.document, i.code])).toEqual([
      [DEAL, 'schema.not'],
      [FORM, 'ref.unknown-object'],
    ]);
  });

  it('reports the units on an org cycle, not those hanging below it', () => {
    const issues = issuesAfter((d) => (d['org.json'].units[0].parent = 'east'));
    expect(issues.map((i) => i.path)).toEqual(['/units/0/parent', '/units/1/parent']);
    expect(issues[0].message).toBe('unit "hq" is its own ancestor (hq → east → hq)');
  });

  it('keeps a pack with warnings only valid', () => {
    const pack = loadSamplePack();
    (pack.documents as Docs)[PIPE].stages[3].probability = 90;
    const report = validatePack(pack);
    expect(report.issues.map((i) => i.severity)).toEqual(['warning']);
    expect(report.valid).toBe(true);
  });
});

describe("a pipeline's stage field (the select column that holds the stage)", () => {
  const pipelineIssues = (mutate: (d: Docs) => void) => issuesAfter(mutate).filter((i) => i.document === PIPE);

  it('names both the stages without an option and the options that are no stage, and does not also complain about order', () => {
    const issues = pipelineIssues((d) => {
      const options = d[DEAL].fields[STAGE_FIELD].options;
      options.splice(2, 1);
      options.push({ value: 'on_hold', label: { 'zh-CN': '搁置', en: 'On hold' } });
    });
    expect(issues.map((i) => [i.path, i.code, i.message])).toEqual([
      ['/stageField', 'pipeline.stage-options-missing', 'stages "negotiate" are not options of "sales_stage"; add them as options'],
      ['/stageField', 'pipeline.stage-options-extra', 'options "on_hold" of "sales_stage" are not stages of this pipeline; add the stages, or retire the options'],
    ]);
  });

  it('shows both orders when the options are the stages in another order', () => {
    const issues = pipelineIssues((d) => {
      const options = d[DEAL].fields[STAGE_FIELD].options;
      [options[0], options[1]] = [options[1], options[0]];
    });
    expect(issues.map((i) => i.message)).toEqual([
      'options of "sales_stage" are in the order "propose", "qualify", "negotiate", "won", "lost"; list them in the stage order "qualify", "propose", "negotiate", "won", "lost"',
    ]);
  });

  it('says when a stage has an option, but a retired one', () => {
    const [issue] = pipelineIssues((d) => (d[DEAL].fields[STAGE_FIELD].options[3].retired = true));
    expect(issue.message).toBe('stages "won" are not options of "sales_stage" (retired: "won"); add them as options');
  });

  it('accepts a removed stage whose option stays as retired (the non-destructive path)', () => {
    const issues = issuesAfter((d) => {
      d[PIPE].stages.splice(2, 1);
      d[DEAL].fields[STAGE_FIELD].options[2].retired = true;
    });
    expect(issues).toEqual([]);
  });

  it('reports one problem, not a cascade, when the field is missing or of another type', () => {
    expect(pipelineIssues((d) => (d[PIPE].stageField = 'region')).map((i) => i.code)).toEqual(['pipeline.stage-options-missing', 'pipeline.stage-options-extra']);
    expect(pipelineIssues((d) => (d[PIPE].stageField = 'phase')).map((i) => i.message)).toEqual([
      'field "phase" does not exist on object "deal"; declare a select field whose options are the stages',
    ]);
    expect(pipelineIssues((d) => (d[PIPE].stageField = 'documents')).map((i) => i.message)).toEqual([
      'field "documents" is an attachment field; the stage field must be a select whose options are the stages',
    ]);
  });

  it('lets a create form and a created record leave the required stage field out: records start in the first stage', () => {
    const issues = issuesAfter((d) => {
      delete d[DEAL].fields[STAGE_FIELD].default;
      d[OVERDUE].actions.push({ kind: 'createRecord', object: 'deal', values: { title: { value: 'Follow-up' }, account: { expression: 'account' } } });
    });
    expect(issues).toEqual([]);
  });

  it('treats the stage field as an ordinary select everywhere else (grouping, filters, field triggers)', () => {
    const issues = issuesAfter((d) => {
      d[DASH].widgets[1].groupBy = 'sales_stage';
      d[DASH].widgets[0].where = [{ kind: 'compare', field: 'sales_stage', op: 'in', value: ['qualify', 'propose'] }];
      d[OVERDUE].trigger = { on: 'fieldChanged', fields: ['sales_stage'] };
    });
    expect(issues).toEqual([]);
  });
});
