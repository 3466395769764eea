import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { AutomationDefinition, CompareCondition, MetadataDocument, ObjectDefinition } from '@tessera/metadata';
import { Button, Input, Select, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../i18n/label';
import { ConditionEditor } from '../pipelines/conditions/ConditionEditor';
import { documentsOf, fieldOptions, tidy } from '../pipelines/designer-fields';

type Trigger = AutomationDefinition['trigger'];
type On = Trigger['on'];

/** A fresh trigger of each kind of automation.schema.json#/$defs/trigger. */
const TRIGGER_DEFAULTS: { [K in On]: () => Extract<Trigger, { on: K }> } = {
  created: () => ({ on: 'created' }),
  updated: () => ({ on: 'updated' }),
  fieldChanged: () => ({ on: 'fieldChanged', fields: ['owner_id'] }),
  stageEntered: () => ({ on: 'stageEntered' }),
  stageOverdue: () => ({ on: 'stageOverdue' }),
  approvalFinished: () => ({ on: 'approvalFinished', flow: 'approval' }),
  schedule: () => ({ on: 'schedule', cron: '0 9 * * *' }),
  relative: () => ({ on: 'relative', offset: 'P60D', noChange: {} }),
  fileAttached: () => ({ on: 'fileAttached' }),
};

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Space wrap align="start">
      <Typography.Text type="secondary" style={{ display: 'inline-block', minWidth: 80 }}>{label}</Typography.Text>
      {children}
    </Space>
  );
}

/** The event an automation listens to, every kind of the schema with its own settings. */
export function TriggerEditor({ value: tr, onChange, object, documents }: { value: Trigger; onChange(next: Trigger): void; object: ObjectDefinition | undefined; documents: readonly MetadataDocument[] }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const pipeline = documentsOf(documents, 'pipeline').find((p) => p.object === object?.key);
  const stageOptions = (pipeline?.stages ?? []).map((s) => ({ value: s.key, label: label(s.label) }));
  const flows = documentsOf(documents, 'approvalFlow').filter((f) => f.object === object?.key);
  const attachments = (object?.fields ?? []).filter((f) => f.type === 'attachment');
  const kinds = Object.keys(TRIGGER_DEFAULTS) as On[];
  const set = (next: Trigger) => onChange(tidy(next));
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="trigger-editor">
      <Row label={t('designerFlows.automation.on')}>
        <Select style={{ width: 220 }} value={tr.on} data-testid="trigger-on" onChange={(on) => onChange(on === 'approvalFinished' ? { on, flow: flows[0]?.key ?? 'approval' } : TRIGGER_DEFAULTS[on]())} options={kinds.map((k) => ({ value: k, label: t(`designerFlows.automation.triggers.${k}`) }))} />
      </Row>
      {tr.on === 'fieldChanged' && (
        <>
          <Row label={t('designerFlows.automation.fields')}>
            <Select mode="multiple" style={{ minWidth: 260 }} value={tr.fields} onChange={(fields) => fields.length && set({ ...tr, fields })} options={fieldOptions(object, label)} />
          </Row>
          <Row label={t('designerFlows.automation.from')}><Input style={{ width: 160 }} value={tr.from === undefined ? '' : String(tr.from)} onChange={(e) => set({ ...tr, from: e.target.value === '' ? undefined : e.target.value })} /></Row>
          <Row label={t('designerFlows.automation.to')}><Input style={{ width: 160 }} value={tr.to === undefined ? '' : String(tr.to)} onChange={(e) => set({ ...tr, to: e.target.value === '' ? undefined : e.target.value })} /></Row>
        </>
      )}
      {(tr.on === 'stageEntered' || tr.on === 'stageOverdue') && (
        <Row label={t('designerFlows.automation.stages')}>
          <Select mode="multiple" allowClear style={{ minWidth: 260 }} placeholder={t('designerFlows.automation.anyStage')} value={tr.stages ?? []} onChange={(stages) => set({ ...tr, stages: stages.length ? stages : undefined })} options={stageOptions} />
        </Row>
      )}
      {tr.on === 'approvalFinished' && (
        <Space wrap>
          <Row label={t('designerFlows.automation.flow')}><Select style={{ minWidth: 200 }} value={tr.flow} onChange={(flow) => set({ ...tr, flow })} options={flows.map((f) => ({ value: f.key, label: label(f.label) }))} /></Row>
          <Row label={t('designerFlows.automation.outcome')}><Select style={{ width: 140 }} value={tr.outcome ?? 'any'} onChange={(outcome) => set({ ...tr, outcome: outcome === 'any' ? undefined : outcome })} options={(['any', 'approved', 'rejected'] as const).map((o) => ({ value: o, label: t(`designerFlows.automation.outcomes.${o}`) }))} /></Row>
        </Space>
      )}
      {tr.on === 'schedule' && (
        <>
          <Space wrap>
            <Row label="cron"><Input style={{ width: 180 }} value={tr.cron} onChange={(e) => set({ ...tr, cron: e.target.value })} status={/^\S+( \S+){4,5}$/.test(tr.cron) ? undefined : 'error'} /></Row>
            <Row label={t('designerFlows.automation.timezone')}><Input style={{ width: 180 }} placeholder="Asia/Shanghai" value={tr.timezone ?? ''} onChange={(e) => set({ ...tr, timezone: e.target.value || undefined })} /></Row>
          </Space>
          <Typography.Text type="secondary">{t('designerFlows.automation.where')}</Typography.Text>
          {(tr.where ?? []).map((w, i) => (
            <Space key={i} align="start">
              <ConditionEditor value={w} scope={{ object, documents }} onChange={(next) => next.kind === 'compare' && set({ ...tr, where: (tr.where ?? []).map((x, j) => (j === i ? (next as CompareCondition) : x)) })} />
              <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('designerFlows.remove')} onClick={() => set({ ...tr, where: (tr.where ?? []).filter((_, j) => j !== i) })} />
            </Space>
          ))}
          <Button size="small" icon={<PlusOutlined />} onClick={() => set({ ...tr, where: [...(tr.where ?? []), { kind: 'compare', field: 'owner_id', op: 'notEmpty' }] })}>{t('designerFlows.condition.addWhere')}</Button>
        </>
      )}
      {tr.on === 'relative' && (
        <Space wrap align="start">
          <Row label={t('designerFlows.automation.offset')}><Input style={{ width: 120 }} value={tr.offset} onChange={(e) => set({ ...tr, offset: e.target.value })} /></Row>
          <Row label={t('designerFlows.automation.moment')}>
            <Select style={{ width: 200 }} value={tr.field ? 'field' : 'noChange'} onChange={(m) => onChange(m === 'field' ? { on: 'relative', offset: tr.offset, field: fieldOptions(object, label, ['date', 'datetime'])[0]?.value ?? 'created_at' } : { on: 'relative', offset: tr.offset, noChange: {} })} options={[{ value: 'field', label: t('designerFlows.automation.dateField') }, { value: 'noChange', label: t('designerFlows.automation.noChange') }]} />
          </Row>
          {tr.field !== undefined ? (
            <>
              <Select style={{ minWidth: 180 }} value={tr.field} onChange={(field) => set({ ...tr, field })} options={fieldOptions(object, label, ['date', 'datetime'])} />
              <Select style={{ width: 120 }} value={tr.direction ?? 'after'} onChange={(direction) => set({ ...tr, direction: direction === 'after' ? undefined : direction })} options={(['before', 'after'] as const).map((d) => ({ value: d, label: t(`designerFlows.automation.directions.${d}`) }))} />
            </>
          ) : (
            <>
              <Select allowClear style={{ minWidth: 160 }} placeholder={t('designerFlows.automation.relatedObject')} value={tr.noChange?.object} onChange={(o) => set({ ...tr, noChange: tidy({ object: o ?? undefined, via: o ? documentsOf(documents, 'object').find((x) => x.key === o)?.fields.find((f) => f.type === 'relation' && f.target === object?.key)?.key : undefined }) })} options={documentsOf(documents, 'object').filter((o) => o.fields.some((f) => f.type === 'relation' && f.target === object?.key)).map((o) => ({ value: o.key, label: label(o.label) }))} />
              {tr.noChange?.via && <Typography.Text type="secondary">via {tr.noChange.via}</Typography.Text>}
            </>
          )}
        </Space>
      )}
      {tr.on === 'fileAttached' && (
        <Space wrap>
          <Row label={t('designerFlows.condition.attachmentField')}>
            <Select allowClear style={{ minWidth: 160 }} value={tr.field} onChange={(field) => set({ ...tr, field: field ?? undefined })} options={attachments.map((f) => ({ value: f.key, label: label(f.label) }))} />
          </Row>
          <Row label={t('designerFlows.condition.category')}>
            <Select mode="multiple" allowClear style={{ minWidth: 200 }} value={tr.categories ?? []} onChange={(categories) => set({ ...tr, categories: categories.length ? categories : undefined })} options={attachments.filter((f) => !tr.field || f.key === tr.field).flatMap((f) => (f.type === 'attachment' ? (f.categories ?? []) : [])).map((c) => ({ value: c.key, label: label(c.label) }))} />
          </Row>
        </Space>
      )}
    </Space>
  );
}
