import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { CompareCondition, CompareOperator, Condition, Field } from '@tessera/metadata';
import { Button, Card, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../../i18n/label';
import { ExpressionEditor } from '../../expression/ExpressionEditor';
import { documentsOf, expressionFields, fieldOptions, fieldsOf, tidy } from '../designer-fields';
import { LabelInput } from '../LabelInput';
import { attachmentFields, CONDITION_DEFAULTS, conditionKinds, referencingObjects, type ConditionScope } from './condition-defaults';

const OPERATORS: CompareOperator[] = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'nin', 'contains', 'isEmpty', 'notEmpty'];
const NUMERIC = new Set(['number', 'currency', 'percent', 'rollup']);

/** A list of conditions (a stage's entry or exit, a step's branches): each edited in place, added from the kind picker. */
export function ConditionListEditor({ value, onChange, scope, testId }: { value: Condition[] | undefined; onChange(next: Condition[] | undefined): void; scope: ConditionScope; testId?: string }) {
  const { t } = useTranslation();
  const list = value ?? [];
  const set = (next: Condition[]) => onChange(next.length ? next : undefined);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid={testId}>
      {list.map((c, i) => (
        <ConditionEditor key={i} value={c} scope={scope} testId={testId && `${testId}-${i}`} onChange={(next) => set(list.map((x, j) => (j === i ? next : x)))} onRemove={() => set(list.filter((_, j) => j !== i))} />
      ))}
      <AddCondition scope={scope} testId={testId && `${testId}-add`} onAdd={(c) => set([...list, c])} label={t('designerFlows.condition.add')} />
    </Space>
  );
}

/** One optional condition (a step's `when`, an automation's `when`): absent until one is chosen. */
export function OptionalConditionEditor({ value, onChange, scope, testId }: { value: Condition | undefined; onChange(next: Condition | undefined): void; scope: ConditionScope; testId?: string }) {
  const { t } = useTranslation();
  if (!value) return <AddCondition scope={scope} testId={testId && `${testId}-add`} onAdd={onChange} label={t('designerFlows.condition.set')} />;
  return <ConditionEditor value={value} onChange={onChange} onRemove={() => onChange(undefined)} scope={scope} testId={testId} />;
}

function AddCondition({ scope, onAdd, label, testId }: { scope: ConditionScope; onAdd(c: Condition): void; label: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Select<Condition['kind']>
      data-testid={testId}
      style={{ minWidth: 220 }}
      placeholder={<span><PlusOutlined /> {label}</span>}
      value={null as unknown as Condition['kind']}
      onChange={(kind) => onAdd(CONDITION_DEFAULTS[kind](scope) as Condition)}
      options={conditionKinds(scope).map((k) => ({ value: k, label: t(`designerFlows.condition.kinds.${k}`) }))}
    />
  );
}

/** One condition: its kind and the form of that kind, plus the message shown when unmet. */
export function ConditionEditor({ value, onChange, onRemove, scope, testId }: { value: Condition; onChange(next: Condition): void; onRemove?(): void; scope: ConditionScope; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      data-testid={testId}
      title={
        <Select
          size="small"
          variant="borderless"
          value={value.kind}
          style={{ minWidth: 180 }}
          data-testid={testId && `${testId}-kind`}
          onChange={(kind) => onChange(CONDITION_DEFAULTS[kind](scope) as Condition)}
          options={conditionKinds(scope).map((k) => ({ value: k, label: t(`designerFlows.condition.kinds.${k}`) }))}
        />
      }
      extra={onRemove && <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('designerFlows.remove')} onClick={onRemove} data-testid={testId && `${testId}-remove`} />}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <ConditionBody value={value} onChange={onChange} scope={scope} testId={testId} />
        <Space style={{ width: '100%' }} align="start">
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>{t('designerFlows.condition.message')}</Typography.Text>
          <LabelInput optional={value.kind !== 'expression'} value={value.message} onChange={(message) => onChange(tidy({ ...value, message }) as Condition)} />
        </Space>
      </Space>
    </Card>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Space wrap>
      <Typography.Text type="secondary">{label}</Typography.Text>
      {children}
    </Space>
  );
}

function ConditionBody({ value: c, onChange, scope, testId }: { value: Condition; onChange(next: Condition): void; scope: ConditionScope; testId?: string }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const tid = (part: string) => testId && `${testId}-${part}`;
  switch (c.kind) {
    case 'filled':
      return (
        <Row label={t('designerFlows.condition.field')}>
          <Select showSearch style={{ minWidth: 220 }} value={c.field} data-testid={tid('field')} onChange={(field) => onChange({ ...c, field })} options={fieldOptions(scope.object, label)} />
        </Row>
      );
    case 'compare':
      return <CompareBody value={c} onChange={onChange} fields={fieldsOf(scope.object)} testId={testId} />;
    case 'attachment': {
      const fields = attachmentFields(scope);
      const categories = fields.filter((f) => c.field === undefined || f.key === c.field).flatMap((f) => f.categories ?? []);
      return (
        <Space wrap>
          <Row label={t('designerFlows.condition.attachmentField')}>
            <Select allowClear placeholder={t('designerFlows.condition.anyAttachmentField')} style={{ minWidth: 160 }} value={c.field} data-testid={tid('field')} onChange={(field) => onChange(tidy({ ...c, field: field ?? undefined }))} options={fields.map((f) => ({ value: f.key, label: label(f.label) }))} />
          </Row>
          <Row label={t('designerFlows.condition.category')}>
            <Select style={{ minWidth: 180 }} value={c.category} data-testid={tid('category')} onChange={(category) => onChange({ ...c, category })} options={categories.map((k) => ({ value: k.key, label: `${label(k.label)} (${k.key})` }))} />
          </Row>
          <Row label={t('designerFlows.condition.min')}>
            <InputNumber min={1} value={c.min ?? 1} onChange={(min) => onChange(tidy({ ...c, min: min && min > 1 ? min : undefined }))} />
          </Row>
        </Space>
      );
    }
    case 'approval':
      return (
        <Row label={t('designerFlows.condition.flow')}>
          <Select style={{ minWidth: 220 }} value={c.flow} data-testid={tid('flow')} onChange={(flow) => onChange({ ...c, flow })} options={documentsOf(scope.documents, 'approvalFlow').filter((f) => f.object === scope.object?.key).map((f) => ({ value: f.key, label: label(f.label) }))} />
        </Row>
      );
    case 'checklist':
      return (
        <Row label={t('designerFlows.condition.item')}>
          <Select style={{ minWidth: 220 }} value={c.item} data-testid={tid('item')} onChange={(item) => onChange({ ...c, item })} options={(scope.checklist ?? []).map((i) => ({ value: i.key, label: label(i.label) }))} />
        </Row>
      );
    case 'related': {
      const sources = referencingObjects(scope);
      const source = sources.find((s) => s.object.key === c.object);
      return (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Row label={t('designerFlows.condition.relatedObject')}>
              <Select style={{ minWidth: 160 }} value={c.object} data-testid={tid('object')} onChange={(object) => onChange({ kind: 'related', object, via: sources.find((s) => s.object.key === object)?.via[0] ?? c.via, ...(c.message && { message: c.message }) })} options={sources.map((s) => ({ value: s.object.key, label: label(s.object.label) }))} />
            </Row>
            <Row label={t('designerFlows.condition.via')}>
              <Select style={{ minWidth: 140 }} value={c.via} onChange={(via) => onChange({ ...c, via })} options={(source?.via ?? []).map((v) => ({ value: v, label: label(source?.object.fields.find((f) => f.key === v)?.label) || v }))} />
            </Row>
            <Row label={t('designerFlows.condition.min')}>
              <InputNumber min={1} value={c.min ?? 1} onChange={(min) => onChange(tidy({ ...c, min: min && min > 1 ? min : undefined }))} />
            </Row>
          </Space>
          <Typography.Text type="secondary">{t('designerFlows.condition.where')}</Typography.Text>
          {(c.where ?? []).map((w, i) => (
            <Space key={i} align="start">
              <CompareBody value={w} fields={fieldsOf(source?.object)} onChange={(next) => onChange({ ...c, where: (c.where ?? []).map((x, j) => (j === i ? (next as CompareCondition) : x)) })} />
              <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('designerFlows.remove')} onClick={() => onChange(tidy({ ...c, where: (c.where ?? []).filter((_, j) => j !== i).length ? (c.where ?? []).filter((_, j) => j !== i) : undefined }))} />
            </Space>
          ))}
          <Button size="small" icon={<PlusOutlined />} onClick={() => onChange({ ...c, where: [...(c.where ?? []), { kind: 'compare', field: fieldsOf(source?.object)[0]?.key ?? 'owner_id', op: 'notEmpty' }] })}>
            {t('designerFlows.condition.addWhere')}
          </Button>
        </Space>
      );
    }
    case 'expression':
      return (
        <ExpressionEditor
          value={c.expression}
          onChange={(expression) => onChange({ ...c, expression })}
          fields={expressionFields(scope.object, label)}
          sample={scope.sample}
          bindings={{ facts: { attachments: {}, approvals: {}, checklist: {}, related: {} }, stage: '' }}
          data-testid={tid('expression')}
        />
      );
    case 'all':
    case 'any':
      return <ConditionListEditor value={c.conditions} onChange={(conditions) => onChange({ ...c, conditions: conditions ?? [] })} scope={scope} testId={tid('nested')} />;
  }
}

/** Field, operator and value; the value's input follows the field's type. */
function CompareBody({ value: c, onChange, fields, testId }: { value: CompareCondition; onChange(next: Condition): void; fields: Field[]; testId?: string }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const field = fields.find((f) => f.key === c.field);
  const noValue = c.op === 'isEmpty' || c.op === 'notEmpty';
  const many = c.op === 'in' || c.op === 'nin';
  const setOp = (op: CompareOperator) => {
    const { value: _v, ...rest } = c;
    const keep = op === 'isEmpty' || op === 'notEmpty' ? undefined : (op === 'in' || op === 'nin') === many ? c.value : undefined;
    onChange(tidy({ ...rest, op, value: keep }));
  };
  const options = field && (field.type === 'select' || field.type === 'multiselect') ? field.options.filter((o) => !o.retired).map((o) => ({ value: o.value, label: label(o.label) })) : undefined;
  const valueInput = noValue ? null : options ? (
    <Select mode={many ? 'multiple' : undefined} style={{ minWidth: 180 }} value={c.value as string | string[] | undefined} onChange={(value) => onChange({ ...c, value })} options={options} data-testid={testId && `${testId}-value`} />
  ) : many ? (
    <Select mode="tags" style={{ minWidth: 180 }} value={(c.value as string[] | undefined) ?? []} onChange={(value) => onChange({ ...c, value })} data-testid={testId && `${testId}-value`} />
  ) : field && NUMERIC.has(field.type) ? (
    <InputNumber style={{ width: 160 }} value={c.value === undefined || c.value === '' ? null : Number(c.value)} onChange={(value) => onChange(tidy({ ...c, value: value ?? undefined }))} data-testid={testId && `${testId}-value`} />
  ) : field?.type === 'boolean' ? (
    <Select style={{ width: 100 }} value={c.value as boolean | undefined} onChange={(value) => onChange({ ...c, value })} options={[{ value: true, label: t('designerFlows.yes') }, { value: false, label: t('designerFlows.no') }]} />
  ) : (
    <Input style={{ width: 180 }} value={c.value === undefined ? '' : String(c.value)} onChange={(e) => onChange({ ...c, value: e.target.value })} data-testid={testId && `${testId}-value`} />
  );
  return (
    <Space wrap>
      <Select showSearch style={{ minWidth: 180 }} value={c.field} data-testid={testId && `${testId}-field`} onChange={(f) => onChange(tidy({ ...c, field: f, value: noValue ? undefined : c.value }))} options={fields.map((f) => ({ value: f.key, label: `${label(f.label)} (${f.key})` }))} />
      <Select style={{ width: 130 }} value={c.op} onChange={setOp} data-testid={testId && `${testId}-op`} options={OPERATORS.map((op) => ({ value: op, label: t(`designerFlows.condition.ops.${op}`) }))} />
      {valueInput}
    </Space>
  );
}
