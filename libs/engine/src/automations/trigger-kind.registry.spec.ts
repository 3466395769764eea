import type { AutomationDefinition, Trigger } from '@tessera/metadata';
import { AUTOMATION_DUE, type AutomationEvent } from './automation-event';
import { listensTo, matchesTrigger } from './trigger-kind.registry';

const automation = (trigger: Trigger, extra: Partial<AutomationDefinition> = {}): AutomationDefinition => ({
  kind: 'automation',
  key: 'watch',
  object: 'lead',
  label: { 'zh-CN': '监控', en: 'Watch' },
  trigger,
  actions: [{ kind: 'notify', to: [{ kind: 'field', field: 'owner_id' }], title: { 'zh-CN': 't', en: 't' } }],
  ...extra,
});
const event = (type: string, payload: Record<string, unknown> = {}, object = 'lead'): AutomationEvent => ({ id: 'e1', type, object, recordId: 'r1', payload });
const updated = (changed: Record<string, unknown>) => event('record.updated', { changed: Object.keys(changed), previous: changed });

const record = { id: 'r1', status: 'qualified', amount: '120000.00', source: null, close_date: '2026-03-01' };

const cases: Array<[string, Trigger, AutomationEvent, boolean]> = [
  ['created fires on create', { on: 'created' }, event('record.created'), true],
  ['created ignores updates', { on: 'created' }, updated({ status: 'new' }), false],
  ['updated fires on any update', { on: 'updated' }, updated({ amount: '1.00' }), true],
  ['updated ignores creates', { on: 'updated' }, event('record.created'), false],
  ['fieldChanged fires when a watched field changed', { on: 'fieldChanged', fields: ['status'] }, updated({ status: 'new' }), true],
  ['fieldChanged ignores other fields', { on: 'fieldChanged', fields: ['status'] }, updated({ amount: '1.00' }), false],
  ['fieldChanged fires on create when the field is filled', { on: 'fieldChanged', fields: ['status'] }, event('record.created'), true],
  ['fieldChanged does not fire on create for an empty field', { on: 'fieldChanged', fields: ['source'] }, event('record.created'), false],
  ['fieldChanged to the current value', { on: 'fieldChanged', fields: ['status'], to: 'qualified' }, updated({ status: 'new' }), true],
  ['fieldChanged to another value', { on: 'fieldChanged', fields: ['status'], to: 'lost' }, updated({ status: 'new' }), false],
  ['fieldChanged from the previous value', { on: 'fieldChanged', fields: ['status'], from: 'new', to: 'qualified' }, updated({ status: 'new' }), true],
  ['fieldChanged from a value it did not hold', { on: 'fieldChanged', fields: ['status'], from: 'contacted' }, updated({ status: 'new' }), false],
  ['fieldChanged from empty on create', { on: 'fieldChanged', fields: ['status'], from: null }, event('record.created'), true],
  ['fieldChanged to judges the value this change wrote, not a later one', { on: 'fieldChanged', fields: ['status'], to: 'qualified' }, event('record.updated', { changed: ['status'], previous: { status: 'new' }, values: { status: 'lost' } }), false],
  ['fieldChanged on create judges the values the create wrote', { on: 'fieldChanged', fields: ['source'] }, event('record.created', { values: { title: 'x', source: 'web' } }), true],
  ['fieldChanged on create ignores fields filled later', { on: 'fieldChanged', fields: ['status'] }, event('record.created', { values: { title: 'x' } }), false],
  ['fieldChanged compares money exactly', { on: 'fieldChanged', fields: ['amount'], to: '120000' }, updated({ amount: '1.00' }), true],
  ['stageEntered any stage', { on: 'stageEntered' }, event('stage.entered', { stage: 'quote' }), true],
  ['stageEntered a listed stage', { on: 'stageEntered', stages: ['quote'] }, event('stage.entered', { stage: 'quote' }), true],
  ['stageEntered another stage', { on: 'stageEntered', stages: ['won'] }, event('stage.entered', { stage: 'quote' }), false],
  ['stageOverdue a listed stage', { on: 'stageOverdue', stages: ['lead'] }, event('stage.overdue', { stage: 'lead' }), true],
  ['stageOverdue is not stageEntered', { on: 'stageOverdue' }, event('stage.entered', { stage: 'lead' }), false],
  ['approvalFinished with the outcome', { on: 'approvalFinished', flow: 'quote', outcome: 'approved' }, event('approval.finished', { flow: 'quote', outcome: 'approved' }), true],
  ['approvalFinished with another outcome', { on: 'approvalFinished', flow: 'quote', outcome: 'approved' }, event('approval.finished', { flow: 'quote', outcome: 'rejected' }), false],
  ['approvalFinished any outcome', { on: 'approvalFinished', flow: 'quote' }, event('approval.finished', { flow: 'quote', outcome: 'rejected' }), true],
  ['approvalFinished of another flow', { on: 'approvalFinished', flow: 'quote' }, event('approval.finished', { flow: 'discount', outcome: 'approved' }), false],
  ['fileAttached of the category', { on: 'fileAttached', field: 'docs', categories: ['tech_proposal'] }, event('file.attached', { field: 'docs', category: 'tech_proposal' }), true],
  ['fileAttached of another category', { on: 'fileAttached', categories: ['tech_proposal'] }, event('file.attached', { field: 'docs', category: 'invoice' }), false],
  ['schedule on its own due event', { on: 'schedule', cron: '0 2 * * *' }, event(AUTOMATION_DUE, { automation: 'watch', trigger: 'schedule' }), true],
  ["schedule on another automation's due event", { on: 'schedule', cron: '0 2 * * *' }, event(AUTOMATION_DUE, { automation: 'other', trigger: 'schedule' }), false],
  ['relative on its own due event', { on: 'relative', offset: 'P60D', noChange: {} }, event(AUTOMATION_DUE, { automation: 'watch', trigger: 'relative' }), true],
  ['relative is not fired by record events themselves', { on: 'relative', offset: 'P60D', noChange: {} }, updated({ status: 'new' }), false],
  ['nothing fires for another object', { on: 'created' }, event('record.created', {}, 'account'), false],
];

describe('matchesTrigger', () => {
  it.each(cases)('%s', (_name, trigger, e, expected) => {
    expect(matchesTrigger(automation(trigger), { event: e, record })).toBe(expected);
  });

  it('never fires a disabled automation', () => {
    expect(matchesTrigger(automation({ on: 'created' }, { enabled: false }), { event: event('record.created'), record })).toBe(false);
  });
});

describe('listensTo', () => {
  it.each<[Trigger, string, boolean]>([
    [{ on: 'created' }, 'record.created', true],
    [{ on: 'created' }, 'record.updated', false],
    [{ on: 'relative', offset: 'PT5S', noChange: {} }, 'record.updated', true],
    [{ on: 'stageOverdue' }, 'stage.overdue', true],
    [{ on: 'schedule', cron: '* * * * *' }, 'record.created', false],
  ])('%j listens to %s: %s', (trigger, type, expected) => {
    expect(listensTo(automation(trigger), type)).toBe(expected);
  });
});
