import { loadSamplePack, sampleDocument } from '../../test/sample-pack.fixture';
import { validateDocument } from './document.validate';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const { manifest, documents } = loadSamplePack();

describe('validateDocument', () => {
  it.each(Object.keys(documents))('accepts the sample document %s', (path) => {
    expect(validateDocument(documents[path]).issues).toEqual([]);
  });

  it('accepts the sample manifest', () => {
    expect(validateDocument(manifest).issues).toEqual([]);
  });

  const cases: [string, string, (d: Doc) => void, { path: string; code: string; message?: RegExp }][] = [
    ['objects/deal.json', 'a misspelt field property', (d) => (d.fields[1].maxLenght = 3), { path: '/fields/1/maxLenght', code: 'schema.unknown-property' }],
    ['objects/deal.json', 'a reserved system key', (d) => (d.fields[1].key = 'owner_id'), { path: '/fields/1/key', code: 'schema.not', message: /"owner_id" is not allowed/ }],
    ['objects/deal.json', 'a key that is not an SQL-safe identifier', (d) => (d.key = 'Deal Table'), { path: '/key', code: 'schema.pattern', message: /not a valid Key/ }],
    ['objects/deal.json', 'an unknown field type', (d) => (d.fields[3].type = 'money'), { path: '/fields/3/type', code: 'schema.discriminator', message: /unknown type "money"; expected one of: text, longtext, number, currency/ }],
    ['objects/deal.json', 'a label without English', (d) => delete d.label.en, { path: '/label/en', code: 'schema.required' }],
    ['objects/deal.json', 'a select without options', (d) => (d.fields[6].options = []), { path: '/fields/6/options', code: 'schema.minItems' }],
    ['objects/deal.json', 'a rule severity out of the enum', (d) => (d.rules[0].severity = 'fatal'), { path: '/rules/0/severity', code: 'schema.enum', message: /expected one of: error, warning/ }],
    ['pipelines/deal_pipeline.json', 'an unknown condition kind', (d) => (d.stages[0].exit[0].kind = 'present'), { path: '/stages/0/exit/0/kind', code: 'schema.discriminator', message: /expected one of: filled, compare, attachment/ }],
    ['pipelines/deal_pipeline.json', 'a timeout that is not an ISO 8601 duration', (d) => (d.stages[0].timeout.after = '7 days'), { path: '/stages/0/timeout/after', code: 'schema.pattern', message: /Duration/ }],
    ['pipelines/deal_pipeline.json', 'a pipeline without its stage field', (d) => delete d.stageField, { path: '/stageField', code: 'schema.required' }],
    ['pipelines/deal_pipeline.json', 'a stage field that is not a key', (d) => (d.stageField = 'Stage'), { path: '/stageField', code: 'schema.pattern' }],
    ['pipelines/deal_pipeline.json', 'a probability above 100', (d) => (d.stages[1].probability = 140), { path: '/stages/1/probability', code: 'schema.maximum' }],
    ['approvals/deal_discount.json', 'an approver without its role', (d) => delete d.steps[0].approvers[0].role, { path: '/steps/0/approvers/0/role', code: 'schema.required' }],
    ['approvals/deal_discount.json', 'an unknown approval mode', (d) => (d.steps[0].mode = 'majority'), { path: '/steps/0/mode', code: 'schema.enum' }],
    ['approvals/deal_discount.json', 'a value that is both constant and expression', (d) => (d.onApproved[0].values.region = { value: 'east', expression: '"east"' }), { path: '/onApproved/0/values/region', code: 'schema.oneOf', message: /must be a constant value or a JSONata expression/ }],
    ['automations/deal_overdue.json', 'a schedule without cron', (d) => (d.trigger = { on: 'schedule' }), { path: '/trigger/cron', code: 'schema.required' }],
    ['automations/deal_overdue.json', 'a webhook URL that is not a URI', (d) => (d.actions[1].url = 'not a url'), { path: '/actions/1/url', code: 'schema.format' }],
    ['automations/deal_overdue.json', 'a relative trigger with neither a field nor a quiet period', (d) => (d.trigger = { on: 'relative', offset: 'P7D' }), { path: '/trigger/noChange', code: 'schema.required' }],
    ['automations/deal_overdue.json', 'a relative trigger with both a field and a quiet period', (d) => (d.trigger = { on: 'relative', offset: 'P7D', field: 'close_date', noChange: {} }), { path: '/trigger', code: 'schema.not' }],
    ['automations/deal_overdue.json', 'a webhook timeout that is not a duration', (d) => (d.actions[1].timeout = '5s'), { path: '/actions/1/timeout', code: 'schema.pattern' }],
    ['automations/deal_overdue.json', 'a map entry naming both a user and a unit', (d) => d.actions.push({ kind: 'assignOwner', strategy: 'map', field: 'region', map: [{ value: 'east', user: 'a', unit: 'east' }] }), { path: '/actions/2/map/0', code: 'schema.not' }],
    ['roles/sales_rep.json', 'a field access key that is not a key', (d) => (d.permissions[1].fields = { 'Discount!': 'read' }), { path: '/permissions/1/fields/Discount!', code: 'schema.property-name' }],
    ['dashboards/sales_overview.json', 'a KPI target that is not a decimal', (d) => (d.widgets[6].target = 'a lot'), { path: '/widgets/6/target', code: 'schema.anyOf', message: /must be a number, or a decimal string/ }],
    ['dashboards/sales_overview.json', 'a widget property of another widget type', (d) => (d.widgets[0].interval = 'month'), { path: '/widgets/0/interval', code: 'schema.unknown-property' }],
    ['forms/deal_main.json', 'a widget name that does not exist', (d) => (d.tabs[0].sections[0].items[1].widget = 'dropdown'), { path: '/tabs/0/sections/0/items/1/widget', code: 'schema.enum' }],
    ['demo/deals.json', 'a demo record without values', (d) => delete d.records[0].values, { path: '/records/0/values', code: 'schema.required' }],
  ];

  it.each(cases)('%s: reports %s', (path, _what, mutate, expected) => {
    const doc = sampleDocument<Doc>(path);
    mutate(doc);
    const result = validateDocument(doc);
    expect(result.valid).toBe(false);
    const found = result.issues.find((i) => i.path === expected.path && i.code === expected.code);
    expect({ found: !!found, issues: result.issues }).toMatchObject({ found: true });
    if (expected.message) expect(found?.message).toMatch(expected.message);
  });

  it.each(['stage', 'stage_entered_at'])('lets an object declare a field named %s: the stage is no system column', (key) => {
    const doc = sampleDocument<Doc>('objects/deal.json');
    doc.fields[11].key = key;
    expect(validateDocument(doc).issues).toEqual([]);
  });

  it('reports one issue for a value that matches neither branch of a oneOf, not one per branch', () => {
    const doc = sampleDocument<Doc>('approvals/deal_discount.json');
    doc.onApproved[0].values.region = { value: 'east', expression: '"east"' };
    expect(validateDocument(doc).issues.filter((i) => i.path.startsWith('/onApproved/0/values/region'))).toHaveLength(1);
  });

  it.each([
    ['an array', [], '', 'schema.type'],
    ['a document without kind', { key: 'x' }, '/kind', 'schema.required'],
    ['an unknown kind', { kind: 'workflow', key: 'x' }, '/kind', 'schema.kind'],
  ])('refuses %s before looking for a schema', (_what, value, path, code) => {
    expect(validateDocument(value).issues).toEqual([expect.objectContaining({ path, code, severity: 'error' })]);
  });
});
