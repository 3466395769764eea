import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Action, AssignOwnerAction, ClassifyAction, FieldValues, ObjectDefinition } from '@tessera/metadata';
import { Button, Card, Checkbox, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../../i18n/label';
import { PrincipalListEditor } from '../../approvals/principals/PrincipalListEditor';
import { ExpressionEditor } from '../../expression/ExpressionEditor';
import { ConditionEditor } from '../../pipelines/conditions/ConditionEditor';
import { moveItem } from '../../list.move';
import { documentsOf, expressionFields, fieldOptions, fieldsOf, tidy } from '../../pipelines/designer-fields';
import { LabelInput } from '../../pipelines/LabelInput';
import { ACTION_DEFAULTS, actionKinds, type ActionScope } from './action-defaults';

/** Ordered actions (an automation's, an approval outcome's, a stage timeout's): each one a card, moved up and down. */
export function ActionListEditor({ value, onChange, scope, testId, min = 0 }: { value: Action[] | undefined; onChange(next: Action[] | undefined): void; scope: ActionScope; testId?: string; min?: number }) {
  const { t } = useTranslation();
  const list = value ?? [];
  const set = (next: Action[]) => onChange(next.length || min > 0 ? next : undefined);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid={testId}>
      {list.map((a, i) => (
        <Card
          key={i}
          size="small"
          data-testid={testId && `${testId}-${i}`}
          title={
            <Select size="small" variant="borderless" style={{ minWidth: 160 }} value={a.kind} onChange={(kind) => set(list.map((x, j) => (j === i ? (ACTION_DEFAULTS[kind](scope) as Action) : x)))} options={actionKinds.map((k) => ({ value: k, label: t(`designerFlows.action.kinds.${k}`) }))} />
          }
          extra={
            <Space size={0}>
              <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label={t('designerFlows.moveUp')} disabled={i === 0} onClick={() => set(moveItem(list, i, i - 1))} />
              <Button size="small" type="text" icon={<ArrowDownOutlined />} aria-label={t('designerFlows.moveDown')} disabled={i === list.length - 1} onClick={() => set(moveItem(list, i, i + 1))} />
              <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('designerFlows.remove')} disabled={list.length <= min} onClick={() => set(list.filter((_, j) => j !== i))} />
            </Space>
          }
        >
          <ActionBody value={a} scope={scope} onChange={(next) => set(list.map((x, j) => (j === i ? next : x)))} />
        </Card>
      ))}
      <Select<Action['kind']>
        style={{ minWidth: 200 }}
        data-testid={testId && `${testId}-add`}
        value={null as unknown as Action['kind']}
        placeholder={<span><PlusOutlined /> {t('designerFlows.action.add')}</span>}
        onChange={(kind) => set([...list, ACTION_DEFAULTS[kind](scope) as Action])}
        options={actionKinds.map((k) => ({ value: k, label: t(`designerFlows.action.kinds.${k}`) }))}
      />
    </Space>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Space wrap align="start">
      <Typography.Text type="secondary" style={{ display: 'inline-block', minWidth: 72 }}>{label}</Typography.Text>
      {children}
    </Space>
  );
}

function ActionBody({ value: a, onChange, scope }: { value: Action; onChange(next: Action): void; scope: ActionScope }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const objects = documentsOf(scope.documents, 'object').filter((o) => !o.retired);
  switch (a.kind) {
    case 'setField':
      return <FieldValuesEditor object={scope.object} value={a.values} onChange={(values) => onChange({ ...a, values })} sample={scope.sample} />;
    case 'createRecord':
      return (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Row label={t('designerFlows.action.object')}>
            <Select style={{ minWidth: 180 }} value={a.object} onChange={(object) => onChange({ ...a, object, values: {} })} options={objects.map((o) => ({ value: o.key, label: label(o.label) }))} />
          </Row>
          <FieldValuesEditor object={objects.find((o) => o.key === a.object)} source={scope.object} value={a.values} onChange={(values) => onChange({ ...a, values })} sample={scope.sample} />
        </Space>
      );
    case 'notify':
      return (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Row label={t('designerFlows.action.to')}>
            <PrincipalListEditor value={a.to} onChange={(to) => onChange({ ...a, to })} object={scope.object} documents={scope.documents} />
          </Row>
          <Row label={t('designerFlows.action.title')}>
            <LabelInput value={a.title} onChange={(title) => title && onChange({ ...a, title })} />
          </Row>
          <Row label={t('designerFlows.action.body')}>
            <LabelInput optional value={a.body} onChange={(body) => onChange(tidy({ ...a, body }))} />
          </Row>
          <Row label={t('designerFlows.action.channels')}>
            <Select mode="multiple" style={{ minWidth: 240 }} placeholder="inApp" value={a.channels ?? []} onChange={(channels) => onChange(tidy({ ...a, channels: channels.length ? channels : undefined }))} options={(['inApp', 'email', 'wecom', 'dingtalk', 'sms'] as const).map((c) => ({ value: c, label: c }))} />
          </Row>
        </Space>
      );
    case 'webhook':
      return (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Row label="URL"><Input style={{ width: 360 }} value={a.url} onChange={(e) => onChange({ ...a, url: e.target.value })} /></Row>
          <Row label={t('designerFlows.action.secret')}><Input style={{ width: 200 }} placeholder="erp" value={a.secret ?? ''} onChange={(e) => onChange(tidy({ ...a, secret: e.target.value || undefined }))} /></Row>
          <Row label={t('designerFlows.action.timeout')}><Input style={{ width: 120 }} placeholder="PT10S" value={a.timeout ?? ''} onChange={(e) => onChange(tidy({ ...a, timeout: e.target.value || undefined }))} /></Row>
          <Row label={t('designerFlows.action.retries')}><InputNumber min={0} max={10} value={a.retries ?? 3} onChange={(retries) => onChange(tidy({ ...a, retries: retries ?? undefined }))} /></Row>
          <Row label={t('designerFlows.action.payload')}>
            <div style={{ minWidth: 360 }}>
              <ExpressionEditor value={a.body ?? ''} onChange={(body) => onChange(tidy({ ...a, body: body || undefined }))} fields={expressionFields(scope.object, label)} sample={scope.sample} />
            </div>
          </Row>
        </Space>
      );
    case 'startApproval':
      return (
        <Row label={t('designerFlows.action.flow')}>
          <Select style={{ minWidth: 220 }} value={a.flow} onChange={(flow) => onChange({ ...a, flow })} options={documentsOf(scope.documents, 'approvalFlow').filter((f) => f.object === scope.object?.key).map((f) => ({ value: f.key, label: label(f.label) }))} />
        </Row>
      );
    case 'assignOwner':
      return <AssignOwnerBody value={a} onChange={onChange} scope={scope} />;
    case 'classify':
      return <ClassifyBody value={a} onChange={onChange} scope={scope} />;
    case 'moveStage': {
      const pipeline = documentsOf(scope.documents, 'pipeline').find((p) => p.object === scope.object?.key);
      const target = pipeline?.stages.find((s) => s.key === a.stage);
      return (
        <Space wrap>
          <Row label={t('designerFlows.action.stage')}>
            <Select style={{ minWidth: 160 }} value={a.stage} onChange={(stage) => onChange(tidy({ ...a, stage, reason: undefined }))} options={(pipeline?.stages ?? []).map((s) => ({ value: s.key, label: label(s.label) }))} />
          </Row>
          {target?.reasons && (
            <Row label={t('designerFlows.action.reason')}>
              <Select allowClear style={{ minWidth: 140 }} value={a.reason} onChange={(reason) => onChange(tidy({ ...a, reason: reason ?? undefined }))} options={target.reasons.map((r) => ({ value: r.value, label: label(r.label) }))} />
            </Row>
          )}
          <Checkbox checked={a.force ?? false} onChange={(e) => onChange(tidy({ ...a, force: e.target.checked || undefined }))}>{t('designerFlows.action.force')}</Checkbox>
        </Space>
      );
    }
  }
}

/** Field values: a constant or a JSONata expression per field (setField, createRecord). */
function FieldValuesEditor({ object, source, value, onChange, sample }: { object: ObjectDefinition | undefined; source?: ObjectDefinition; value: FieldValues; onChange(next: FieldValues): void; sample?: Record<string, unknown> }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const entries = Object.entries(value);
  const options = fieldOptions(object, label).filter((o) => !['created_by', 'updated_by', 'created_at', 'updated_at', 'org_unit_id'].includes(o.value));
  const rebuild = (list: Array<[string, FieldValues[string]]>) => onChange(Object.fromEntries(list));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {entries.map(([key, source_], i) => {
        const isExpression = 'expression' in source_;
        return (
          <Space key={i} align="start" wrap>
            <Select showSearch style={{ minWidth: 180 }} value={key} onChange={(k) => rebuild(entries.map((e, j) => (j === i ? [k, e[1]] : e)))} options={options} />
            <Select style={{ width: 110 }} value={isExpression ? 'expression' : 'value'} onChange={(mode) => rebuild(entries.map((e, j) => (j === i ? [e[0], mode === 'expression' ? { expression: 'null' } : { value: null }] : e)))} options={[{ value: 'value', label: t('designerFlows.action.constant') }, { value: 'expression', label: 'JSONata' }]} />
            {isExpression ? (
              <div style={{ minWidth: 300 }}>
                <ExpressionEditor value={source_.expression} onChange={(expression) => rebuild(entries.map((e, j) => (j === i ? [e[0], { expression }] : e)))} fields={fieldsOf(source ?? object).map((f) => ({ key: f.key, label: label(f.label) }))} sample={sample} />
              </div>
            ) : (
              <ConstantInput object={object} field={key} value={source_.value} onChange={(v) => rebuild(entries.map((e, j) => (j === i ? [e[0], { value: v }] : e)))} />
            )}
            <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('designerFlows.remove')} onClick={() => rebuild(entries.filter((_, j) => j !== i))} />
          </Space>
        );
      })}
      <Button size="small" icon={<PlusOutlined />} onClick={() => rebuild([...entries, [options.find((o) => !(o.value in value))?.value ?? 'owner_id', { value: null }]])}>
        {t('designerFlows.action.addValue')}
      </Button>
    </Space>
  );
}

function ConstantInput({ object, field, value, onChange }: { object: ObjectDefinition | undefined; field: string; value: unknown; onChange(v: unknown): void }) {
  const { label } = useLabel();
  const f = fieldsOf(object).find((x) => x.key === field);
  if (f?.type === 'select') return <Select allowClear style={{ minWidth: 160 }} value={value as string | undefined} onChange={(v) => onChange(v ?? null)} options={f.options.map((o) => ({ value: o.value, label: label(o.label) }))} />;
  if (f && ['number', 'currency', 'percent'].includes(f.type)) return <InputNumber style={{ width: 160 }} value={typeof value === 'number' || typeof value === 'string' ? Number(value) : null} onChange={(v) => onChange(v ?? null)} />;
  if (f?.type === 'boolean') return <Checkbox checked={value === true} onChange={(e) => onChange(e.target.checked)} />;
  return <Input style={{ width: 200 }} value={value === null || value === undefined ? '' : String(value)} onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)} />;
}

function AssignOwnerBody({ value: a, onChange, scope }: { value: AssignOwnerAction; onChange(next: Action): void; scope: ActionScope }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const roles = documentsOf(scope.documents, 'role');
  const pool = a.strategy === 'roundRobin' || a.strategy === 'leastLoaded';
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Row label={t('designerFlows.action.strategy')}>
        <Select style={{ width: 200 }} value={a.strategy} onChange={(strategy) => onChange({ kind: 'assignOwner', strategy, ...(strategy === 'map' && { field: fieldsOf(scope.object, ['select', 'text'])[0]?.key ?? 'owner_id', map: [{ value: '', user: 'admin' }] }), ...(strategy === 'field' && { field: 'owner_id' }) })} options={(['roundRobin', 'leastLoaded', 'map', 'field'] as const).map((s) => ({ value: s, label: t(`designerFlows.action.strategies.${s}`) }))} />
      </Row>
      {pool && (
        <Space wrap>
          <Row label={t('designerFlows.action.role')}><Select allowClear style={{ minWidth: 160 }} value={a.role} onChange={(role) => onChange(tidy({ ...a, role: role ?? undefined }))} options={roles.map((r) => ({ value: r.key, label: label(r.label) }))} /></Row>
          <Row label={t('designerFlows.action.unit')}><Input style={{ width: 160 }} value={a.unit ?? ''} onChange={(e) => onChange(tidy({ ...a, unit: e.target.value || undefined }))} /></Row>
          <Row label={t('designerFlows.action.scope')}><Select style={{ width: 180 }} value={a.scope ?? 'orgUnitAndBelow'} onChange={(scope_) => onChange({ ...a, scope: scope_ })} options={(['orgUnitAndBelow', 'all'] as const).map((s) => ({ value: s, label: t(`designerFlows.role.scopes.${s}`) }))} /></Row>
        </Space>
      )}
      {(a.strategy === 'map' || a.strategy === 'field') && (
        <Row label={t('designerFlows.action.field')}>
          <Select style={{ minWidth: 180 }} value={a.field} onChange={(field) => onChange({ ...a, field })} options={fieldOptions(scope.object, label, a.strategy === 'field' ? ['user'] : undefined)} />
        </Row>
      )}
      {a.strategy === 'map' && (
        <>
          {(a.map ?? []).map((entry, i) => (
            <Space key={i} wrap>
              <Input style={{ width: 140 }} placeholder={t('designerFlows.action.mapValue')} value={String(entry.value ?? '')} onChange={(e) => onChange({ ...a, map: (a.map ?? []).map((x, j) => (j === i ? { ...x, value: e.target.value } : x)) })} />
              <Select style={{ width: 100 }} value={entry.unit !== undefined ? 'unit' : 'user'} onChange={(kind) => onChange({ ...a, map: (a.map ?? []).map((x, j) => (j === i ? (kind === 'unit' ? { value: x.value, unit: 'unit' } : { value: x.value, user: 'admin' }) : x)) })} options={[{ value: 'user', label: t('designerFlows.action.mapUser') }, { value: 'unit', label: t('designerFlows.action.mapUnit') }]} />
              <Input style={{ width: 160 }} value={entry.unit ?? entry.user ?? ''} onChange={(e) => onChange({ ...a, map: (a.map ?? []).map((x, j) => (j === i ? (x.unit !== undefined ? { value: x.value, unit: e.target.value } : { value: x.value, user: e.target.value }) : x)) })} />
              <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('designerFlows.remove')} disabled={(a.map ?? []).length <= 1} onClick={() => onChange({ ...a, map: (a.map ?? []).filter((_, j) => j !== i) })} />
            </Space>
          ))}
          <Button size="small" icon={<PlusOutlined />} onClick={() => onChange({ ...a, map: [...(a.map ?? []), { value: '', user: 'admin' }] })}>{t('designerFlows.action.addMapEntry')}</Button>
          <Row label={t('designerFlows.action.otherwise')}><Input style={{ width: 160 }} value={a.otherwise ?? ''} onChange={(e) => onChange(tidy({ ...a, otherwise: e.target.value || undefined }))} /></Row>
        </>
      )}
    </Space>
  );
}

function ClassifyBody({ value: a, onChange, scope }: { value: ClassifyAction; onChange(next: Action): void; scope: ActionScope }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const field = fieldsOf(scope.object, ['select']).find((f) => f.key === a.field);
  const options = field?.type === 'select' ? field.options.map((o) => ({ value: o.value, label: label(o.label) })) : [];
  const condScope = { object: scope.object, documents: scope.documents, sample: scope.sample };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Row label={t('designerFlows.action.field')}>
        <Select style={{ minWidth: 180 }} value={a.field} onChange={(f) => onChange({ ...a, field: f })} options={fieldOptions(scope.object, label, ['select'])} />
      </Row>
      {a.rules.map((rule, i) => (
        <Card key={i} size="small" title={`${t('designerFlows.action.rule')} ${i + 1}`} extra={<Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('designerFlows.remove')} disabled={a.rules.length <= 1} onClick={() => onChange({ ...a, rules: a.rules.filter((_, j) => j !== i) })} />}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <ConditionEditor value={rule.when} scope={condScope} onChange={(when) => onChange({ ...a, rules: a.rules.map((r, j) => (j === i ? { ...r, when } : r)) })} />
            <Row label={t('designerFlows.action.then')}>
              <Select style={{ minWidth: 160 }} value={rule.value} onChange={(v) => onChange({ ...a, rules: a.rules.map((r, j) => (j === i ? { ...r, value: v } : r)) })} options={options} />
            </Row>
          </Space>
        </Card>
      ))}
      <Button size="small" icon={<PlusOutlined />} onClick={() => onChange({ ...a, rules: [...a.rules, { when: { kind: 'filled', field: a.field }, value: options[0]?.value ?? 'value' }] })}>{t('designerFlows.action.addRule')}</Button>
      <Row label={t('designerFlows.action.otherwise')}>
        <Select allowClear style={{ minWidth: 160 }} value={a.otherwise} onChange={(otherwise) => onChange(tidy({ ...a, otherwise: otherwise ?? undefined }))} options={options} />
      </Row>
    </Space>
  );
}
