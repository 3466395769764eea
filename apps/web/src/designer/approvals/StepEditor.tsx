import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { ApprovalEscalation, ApprovalStep, MetadataDocument, ObjectDefinition } from '@tessera/metadata';
import { Button, Card, Checkbox, Input, InputNumber, Select, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { OptionalConditionEditor } from '../pipelines/conditions/ConditionEditor';
import { tidy } from '../pipelines/designer-fields';
import { LabelInput } from '../pipelines/LabelInput';
import { PrincipalListEditor } from './principals/PrincipalListEditor';

const KEY = /^[a-z][a-z0-9_]{0,62}$/;

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ marginBottom: 8 }}>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{label}</Typography.Text>
      {children}
    </div>
  );
}

/** One approval step: its branch condition, approvers, mode, SLA and escalations, and what approvers may do. */
export function StepEditor({ step, onChange, object, documents }: { step: ApprovalStep; onChange(next: ApprovalStep): void; object: ObjectDefinition | undefined; documents: readonly MetadataDocument[] }) {
  const { t } = useTranslation();
  const set = (patch: Partial<ApprovalStep>) => onChange(tidy({ ...step, ...patch }));
  const mode = step.mode ?? 'any';
  const escalations = step.escalations ?? [];
  const setEscalations = (next: ApprovalEscalation[]) => set({ escalations: next.length ? next : undefined });
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="step-editor">
      <Space wrap align="start">
        <Field label={t('designerFlows.key')}>
          <Input style={{ width: 160 }} value={step.key} status={KEY.test(step.key) ? undefined : 'error'} onChange={(e) => set({ key: e.target.value })} />
        </Field>
        <Field label={t('designerFlows.label')}>
          <LabelInput value={step.label} onChange={(l) => l && set({ label: l })} />
        </Field>
      </Space>
      <Field label={t('designerFlows.approval.when')}>
        <OptionalConditionEditor value={step.when} onChange={(when) => set({ when })} scope={{ object, documents }} testId="step-when" />
      </Field>
      <Field label={t('designerFlows.approval.approvers')}>
        <PrincipalListEditor value={step.approvers} onChange={(approvers) => set({ approvers })} object={object} documents={documents} testId="step-approvers" />
      </Field>
      <Space wrap align="start">
        <Field label={t('designerFlows.approval.mode')}>
          <Select style={{ width: 160 }} value={mode} onChange={(m) => set({ mode: m === 'any' ? undefined : m, quorum: m === 'quorum' ? (step.quorum ?? 2) : undefined })} options={(['any', 'all', 'quorum', 'sequential'] as const).map((m) => ({ value: m, label: t(`designerFlows.approval.modes.${m}`) }))} />
        </Field>
        {mode === 'quorum' && (
          <Field label={t('designerFlows.approval.quorum')}>
            <InputNumber min={1} value={step.quorum ?? 1} onChange={(q) => set({ quorum: q ?? 1 })} />
          </Field>
        )}
        <Field label={t('designerFlows.approval.sla')}>
          <Input style={{ width: 120 }} placeholder="PT8H" value={step.sla ?? ''} onChange={(e) => set({ sla: e.target.value || undefined })} />
        </Field>
        <Field label={t('designerFlows.approval.onReject')}>
          <Select style={{ width: 180 }} value={step.onReject ?? 'endFlow'} onChange={(v) => set({ onReject: v === 'endFlow' ? undefined : v })} options={(['endFlow', 'previousStep'] as const).map((v) => ({ value: v, label: t(`designerFlows.approval.onRejectOptions.${v}`) }))} />
        </Field>
        <Field label={t('designerFlows.approval.commentRequired')}>
          <Select style={{ width: 150 }} value={step.commentRequired ?? 'onReject'} onChange={(v) => set({ commentRequired: v === 'onReject' ? undefined : v })} options={(['never', 'onReject', 'always'] as const).map((v) => ({ value: v, label: t(`designerFlows.approval.commentOptions.${v}`) }))} />
        </Field>
      </Space>
      <Space wrap>
        <Checkbox checked={step.allowDelegate ?? false} onChange={(e) => set({ allowDelegate: e.target.checked || undefined })}>{t('designerFlows.approval.allowDelegate')}</Checkbox>
        <Checkbox checked={step.allowAddApprover ?? false} onChange={(e) => set({ allowAddApprover: e.target.checked || undefined })}>{t('designerFlows.approval.allowAddApprover')}</Checkbox>
      </Space>
      <Field label={t('designerFlows.approval.escalations')}>
        {escalations.map((esc, i) => (
          <Card key={i} size="small" style={{ marginBottom: 8 }} extra={<Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('designerFlows.remove')} onClick={() => setEscalations(escalations.filter((_, j) => j !== i))} />}>
            <Space wrap align="start">
              <Input style={{ width: 120 }} placeholder={step.sla ?? 'PT8H'} value={esc.after ?? ''} onChange={(e) => setEscalations(escalations.map((x, j) => (j === i ? tidy({ ...x, after: e.target.value || undefined }) : x)))} addonBefore={t('designerFlows.approval.after')} />
              <Select style={{ width: 150 }} value={esc.action} onChange={(action) => setEscalations(escalations.map((x, j) => (j === i ? tidy({ ...x, action, to: action === 'reassign' ? (x.to ?? [{ kind: 'manager' }]) : x.to }) : x)))} options={(['remind', 'escalate', 'reassign', 'approve', 'reject'] as const).map((a) => ({ value: a, label: t(`designerFlows.approval.escalationActions.${a}`) }))} />
              {esc.action === 'escalate' && !esc.to && <InputNumber min={1} max={5} addonAfter={t('designerFlows.principal.levels')} value={esc.levels ?? 1} onChange={(levels) => setEscalations(escalations.map((x, j) => (j === i ? tidy({ ...x, levels: levels && levels > 1 ? levels : undefined }) : x)))} />}
              {['remind', 'escalate', 'reassign'].includes(esc.action) && (
                <PrincipalListEditor value={esc.to} onChange={(to) => setEscalations(escalations.map((x, j) => (j === i ? tidy({ ...x, to: to.length ? to : undefined }) : x)))} object={object} documents={documents} />
              )}
            </Space>
          </Card>
        ))}
        <Button size="small" icon={<PlusOutlined />} onClick={() => setEscalations([...escalations, { action: 'remind' }])}>{t('designerFlows.approval.addEscalation')}</Button>
      </Field>
    </Space>
  );
}
