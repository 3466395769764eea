import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { ChecklistItem, MetadataDocument, ObjectDefinition, PipelineDefinition, Stage } from '@tessera/metadata';
import { Alert, Button, Card, Checkbox, ColorPicker, Input, InputNumber, Popconfirm, Select, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../i18n/label';
import { ActionListEditor } from '../automations/actions/ActionListEditor';
import type { DraftProblem } from '../draft/draft.contract';
import { ConditionListEditor } from './conditions/ConditionEditor';
import { tidy } from './designer-fields';
import { LabelInput } from './LabelInput';

const KEY = /^[a-z][a-z0-9_]{0,62}$/;
const FORECAST = ['pipeline', 'bestCase', 'commit', 'closed', 'omitted'] as const;

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ marginBottom: 8 }}>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{label}</Typography.Text>
      {children}
    </div>
  );
}

/** Everything about one stage: name and forecast, entry and exit conditions, checklist, timeout and its actions. */
export function StagePanel({ stage, pipeline, object, documents, problems, onChange, onRemove }: {
  stage: Stage;
  pipeline: PipelineDefinition;
  object: ObjectDefinition | undefined;
  documents: readonly MetadataDocument[];
  problems: DraftProblem[];
  onChange(next: Stage): void;
  onRemove(): void;
}) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const type = stage.type ?? 'open';
  const checklist = pipeline.stages.flatMap((s) => s.checklist ?? []);
  const scope = { object, documents, checklist };
  const set = (patch: Partial<Stage>) => onChange(tidy({ ...stage, ...patch }));
  const items = stage.checklist ?? [];
  const setItems = (next: ChecklistItem[]) => set({ checklist: next.length ? next : undefined });
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="stage-panel">
      {problems.length > 0 && <Alert type="error" showIcon title={problems.map((p) => `${p.path}: ${p.message}`).join('\n')} data-testid="stage-problems" />}
      <Card size="small" title={t('designerFlows.pipeline.general')} extra={<Popconfirm title={t('designerFlows.pipeline.removeStage')} onConfirm={onRemove}><Button size="small" danger icon={<DeleteOutlined />}>{t('designerFlows.remove')}</Button></Popconfirm>}>
        <Space wrap align="start">
          <Field label={t('designerFlows.key')}>
            <Input value={stage.key} status={KEY.test(stage.key) ? undefined : 'error'} onChange={(e) => set({ key: e.target.value })} style={{ width: 160 }} data-testid="stage-key" />
          </Field>
          <Field label={t('designerFlows.label')}>
            <LabelInput value={stage.label} onChange={(l) => l && set({ label: l })} testId="stage-label" />
          </Field>
        </Space>
        <Space wrap align="start">
          <Field label={t('designerFlows.pipeline.type')}>
            <Select style={{ width: 120 }} value={type} onChange={(v) => set({ type: v === 'open' ? undefined : v, ...(v === 'open' ? { reasons: undefined, reasonRequired: undefined } : { timeout: undefined }) })} options={(['open', 'won', 'lost'] as const).map((v) => ({ value: v, label: t(`designerFlows.pipeline.types.${v}`) }))} />
          </Field>
          <Field label={t('designerFlows.pipeline.probability')}>
            <InputNumber min={0} max={100} addonAfter="%" value={stage.probability} onChange={(v) => set({ probability: Math.round(v ?? 0) })} data-testid="stage-probability" />
          </Field>
          <Field label={t('designerFlows.pipeline.forecastCategory')}>
            <Select style={{ width: 150 }} value={stage.forecastCategory} onChange={(forecastCategory) => set({ forecastCategory })} options={FORECAST.map((v) => ({ value: v, label: t(`designerFlows.pipeline.forecast.${v}`) }))} />
          </Field>
          <Field label={t('designerFlows.pipeline.color')}>
            <ColorPicker allowClear value={stage.color} onChange={(c) => set({ color: c.cleared ? undefined : c.toHexString().slice(0, 7) })} onClear={() => set({ color: undefined })} />
          </Field>
        </Space>
        <Field label={t('designerFlows.pipeline.description')}>
          <LabelInput optional value={stage.description} onChange={(description) => set({ description })} />
        </Field>
        <Space wrap>
          <Checkbox checked={stage.commentRequired ?? false} onChange={(e) => set({ commentRequired: e.target.checked || undefined })}>{t('designerFlows.pipeline.commentRequired')}</Checkbox>
          <Field label={t('designerFlows.pipeline.allowedMoves')}>
            <Select mode="multiple" allowClear style={{ minWidth: 260 }} placeholder={t('designerFlows.pipeline.defaultMoves')} value={stage.allowedMoves ?? []} onChange={(v) => set({ allowedMoves: v.length ? v : undefined })} options={pipeline.stages.filter((s) => s.key !== stage.key).map((s) => ({ value: s.key, label: label(s.label) }))} />
          </Field>
        </Space>
        {type !== 'open' && (
          <Field label={t('designerFlows.pipeline.reasons')}>
            <Checkbox checked={stage.reasonRequired ?? true} onChange={(e) => set({ reasonRequired: e.target.checked ? undefined : false })}>{t('designerFlows.pipeline.reasonRequired')}</Checkbox>
            {(stage.reasons ?? []).map((r, i) => (
              <Space key={i} style={{ display: 'flex', marginTop: 4 }}>
                <Input style={{ width: 140 }} value={r.value} onChange={(e) => set({ reasons: (stage.reasons ?? []).map((x, j) => (j === i ? { ...x, value: e.target.value } : x)) })} />
                <LabelInput value={r.label} onChange={(l) => l && set({ reasons: (stage.reasons ?? []).map((x, j) => (j === i ? { ...x, label: l } : x)) })} />
                <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('designerFlows.remove')} onClick={() => { const next = (stage.reasons ?? []).filter((_, j) => j !== i); set({ reasons: next.length ? next : undefined }); }} />
              </Space>
            ))}
            <Button size="small" icon={<PlusOutlined />} style={{ marginTop: 4 }} onClick={() => set({ reasons: [...(stage.reasons ?? []), { value: `reason_${(stage.reasons?.length ?? 0) + 1}`, label: { 'zh-CN': '原因', en: 'Reason' } }] })}>{t('designerFlows.pipeline.addReason')}</Button>
          </Field>
        )}
      </Card>
      <Card size="small" title={t('designerFlows.pipeline.entry')} data-testid="stage-entry-card">
        <ConditionListEditor value={stage.entry} onChange={(entry) => set({ entry })} scope={scope} testId="stage-entry" />
      </Card>
      <Card size="small" title={t('designerFlows.pipeline.exit')} data-testid="stage-exit-card">
        <ConditionListEditor value={stage.exit} onChange={(exit) => set({ exit })} scope={scope} testId="stage-exit" />
      </Card>
      <Card size="small" title={t('designerFlows.pipeline.checklist')}>
        {items.map((item, i) => (
          <Space key={i} style={{ display: 'flex', marginBottom: 4 }}>
            <Input style={{ width: 160 }} value={item.key} status={KEY.test(item.key) ? undefined : 'error'} onChange={(e) => setItems(items.map((x, j) => (j === i ? { ...x, key: e.target.value } : x)))} />
            <LabelInput value={item.label} onChange={(l) => l && setItems(items.map((x, j) => (j === i ? { ...x, label: l } : x)))} />
            <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('designerFlows.remove')} onClick={() => setItems(items.filter((_, j) => j !== i))} />
          </Space>
        ))}
        <Button size="small" icon={<PlusOutlined />} onClick={() => setItems([...items, { key: `${stage.key}_item_${items.length + 1}`, label: { 'zh-CN': '待办事项', en: 'To do' } }])}>{t('designerFlows.pipeline.addItem')}</Button>
      </Card>
      {type === 'open' && (
        <Card size="small" title={t('designerFlows.pipeline.timeout')}>
          {stage.timeout ? (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Space wrap>
                <Field label={t('designerFlows.pipeline.after')}><Input style={{ width: 120 }} placeholder="P7D" value={stage.timeout.after} onChange={(e) => set({ timeout: { ...stage.timeout!, after: e.target.value } })} /></Field>
                <Field label={t('designerFlows.pipeline.warnBefore')}><Input style={{ width: 120 }} placeholder="P1D" value={stage.timeout.warnBefore ?? ''} onChange={(e) => set({ timeout: tidy({ ...stage.timeout!, warnBefore: e.target.value || undefined }) })} /></Field>
                <Checkbox checked={stage.timeout.flag ?? true} onChange={(e) => set({ timeout: tidy({ ...stage.timeout!, flag: e.target.checked ? undefined : false }) })}>{t('designerFlows.pipeline.flagOverdue')}</Checkbox>
                <Button size="small" danger onClick={() => set({ timeout: undefined })}>{t('designerFlows.pipeline.noTimeout')}</Button>
              </Space>
              <Typography.Text type="secondary">{t('designerFlows.pipeline.timeoutActions')}</Typography.Text>
              <ActionListEditor value={stage.timeout.actions} onChange={(actions) => set({ timeout: tidy({ ...stage.timeout!, actions }) })} scope={{ object, documents }} />
            </Space>
          ) : (
            <Button size="small" icon={<PlusOutlined />} onClick={() => set({ timeout: { after: 'P7D' } })}>{t('designerFlows.pipeline.addTimeout')}</Button>
          )}
        </Card>
      )}
    </Space>
  );
}
