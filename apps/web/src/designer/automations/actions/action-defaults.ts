import type { Action, MetadataDocument, ObjectDefinition } from '@tessera/metadata';
import { documentsOf, fieldsOf } from '../../pipelines/designer-fields';

export interface ActionScope {
  object: ObjectDefinition | undefined;
  documents: readonly MetadataDocument[];
  sample?: Record<string, unknown>;
}

type Kind = Action['kind'];

/** A fresh action of each kind of common.schema.json#/$defs/action, valid as it stands. */
export const ACTION_DEFAULTS: { [K in Kind]: (scope: ActionScope) => Extract<Action, { kind: K }> } = {
  setField: (s) => ({ kind: 'setField', values: { [fieldsOf(s.object)[0]?.key ?? 'owner_id']: { value: null } } }),
  createRecord: (s) => ({ kind: 'createRecord', object: s.object?.key ?? 'object', values: {} }),
  notify: () => ({ kind: 'notify', to: [{ kind: 'field', field: 'owner_id' }], title: { 'zh-CN': '通知', en: 'Notice' } }),
  webhook: () => ({ kind: 'webhook', url: 'https://example.com/hook' }),
  startApproval: (s) => ({ kind: 'startApproval', flow: documentsOf(s.documents, 'approvalFlow').find((f) => f.object === s.object?.key)?.key ?? 'approval' }),
  assignOwner: () => ({ kind: 'assignOwner', strategy: 'roundRobin' }),
  classify: (s) => {
    const field = fieldsOf(s.object, ['select'])[0];
    const first = field?.type === 'select' ? field.options[0]?.value : undefined;
    return { kind: 'classify', field: field?.key ?? 'field', rules: [{ when: { kind: 'filled', field: fieldsOf(s.object)[0]?.key ?? 'owner_id' }, value: first ?? 'value' }] };
  },
  moveStage: (s) => ({ kind: 'moveStage', stage: documentsOf(s.documents, 'pipeline').find((p) => p.object === s.object?.key)?.stages[0]?.key ?? 'stage' }),
};

export const actionKinds = Object.keys(ACTION_DEFAULTS) as Kind[];
