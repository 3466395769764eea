import { useQuery } from '@tanstack/react-query';
import type { ApprovalFlowDefinition, Field, Label, ObjectDefinition } from '@tessera/metadata';
import { Alert, Button, Card, Input, InputNumber, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http';
import { ApiError, problemLines } from '../../api/problem';
import { useLabel } from '../../i18n/label';

interface SimulatedStep {
  key: string;
  label: Label;
  index: number;
  applies: boolean;
  mode: string;
  quorum?: number;
  approvers: Array<{ id: string; username: string; displayName: string }>;
  problem?: string;
}

const SIMPLE = new Set<Field['type']>(['number', 'currency', 'percent', 'select', 'text', 'boolean', 'date']);

/** Field values a step condition can read, entered by hand (amounts, selects, texts). */
function valueInput(field: Field, value: unknown, set: (v: unknown) => void, label: (l: Label | undefined) => string) {
  const testId = `simulate-field-${field.key}`;
  if (field.type === 'select') return <Select allowClear style={{ width: 180 }} value={value as string | undefined} onChange={(v) => set(v ?? undefined)} options={field.options.map((o) => ({ value: o.value, label: label(o.label) }))} data-testid={testId} />;
  if (field.type === 'boolean') return <Select allowClear style={{ width: 100 }} value={value as boolean | undefined} onChange={(v) => set(v ?? undefined)} options={[{ value: true, label: '✓' }, { value: false, label: '✗' }]} data-testid={testId} />;
  if (field.type === 'number' || field.type === 'currency' || field.type === 'percent') return <InputNumber style={{ width: 180 }} value={value as number | undefined} onChange={(v) => set(v ?? undefined)} data-testid={testId} />;
  return <Input style={{ width: 180 }} placeholder={field.type === 'date' ? 'YYYY-MM-DD' : undefined} value={(value as string | undefined) ?? ''} onChange={(e) => set(e.target.value || undefined)} data-testid={testId} />;
}

/**
 * The simulator: record values and an owner in, the route the draft flow would take out
 * (POST /api/approvals/simulate, which resolves approvers against the real org tree).
 */
export function SimulatorPanel({ flow, object }: { flow: ApprovalFlowDefinition; object: ObjectDefinition | undefined }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const [record, setRecord] = useState<Record<string, unknown>>({});
  const [ownerId, setOwnerId] = useState<string>();
  const [userQuery, setUserQuery] = useState('');
  const [steps, setSteps] = useState<SimulatedStep[]>();
  const [outcome, setOutcome] = useState<string>();
  const [errors, setErrors] = useState<string[]>();
  const [running, setRunning] = useState(false);
  const users = useQuery({
    queryKey: ['simulate-users', userQuery],
    queryFn: () => api<{ items: Array<{ id: string; username: string; displayName: string }> }>(`/api/admin/users?limit=20&disabled=false${userQuery ? `&q=${encodeURIComponent(userQuery)}` : ''}`),
  });
  const fields = (object?.fields ?? []).filter((f) => !f.retired && SIMPLE.has(f.type));

  const run = async () => {
    if (!ownerId) return;
    setRunning(true);
    setErrors(undefined);
    try {
      const res = await api<{ outcome: string; steps: SimulatedStep[] }>('/api/approvals/simulate', { method: 'POST', body: { flow, record, ownerId } });
      setSteps(res.steps);
      setOutcome(res.outcome);
    } catch (failure) {
      setErrors(problemLines(failure));
      setOutcome(undefined);
      setSteps(failure instanceof ApiError ? ((failure.problem as { steps?: SimulatedStep[] }).steps ?? undefined) : undefined);
    } finally {
      setRunning(false);
    }
  };

  return (
    <Card size="small" title={t('designerFlows.simulator.title')} data-testid="simulator">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          {fields.map((f) => (
            <Space key={f.key} size={4}>
              <Typography.Text type="secondary">{label(f.label)}</Typography.Text>
              {valueInput(f, record[f.key], (v) => setRecord((r) => ({ ...r, [f.key]: v })), label)}
            </Space>
          ))}
        </Space>
        <Space wrap>
          <Typography.Text type="secondary">{t('designerFlows.simulator.owner')}</Typography.Text>
          <Select
            style={{ minWidth: 260 }}
            showSearch={{ filterOption: false, onSearch: setUserQuery }}
            value={ownerId}
            onChange={setOwnerId}
            loading={users.isFetching}
            options={(users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
            data-testid="simulate-owner"
          />
          <Button type="primary" disabled={!ownerId} loading={running} onClick={() => void run()} data-testid="simulate-run">
            {t('designerFlows.simulator.run')}
          </Button>
        </Space>
        {errors && <Alert type="error" showIcon title={errors.join('\n')} data-testid="simulate-error" />}
        {outcome === 'approved' && <Alert type="success" showIcon title={t('designerFlows.simulator.approvesAtOnce')} />}
        {steps && (
          <div data-testid="simulate-route">
            {steps.map((s) => (
              <div key={s.key} data-testid={`simulate-step-${s.key}`} data-applies={s.applies} style={{ borderLeft: `3px solid ${s.problem ? '#ff4d4f' : s.applies ? '#1677ff' : '#d9d9d9'}`, padding: '4px 12px', marginBottom: 8, opacity: s.applies ? 1 : 0.55 }}>
                <Space wrap>
                  <Typography.Text strong>{label(s.label)}</Typography.Text>
                  {s.applies ? <Tag color="blue">{t(`designerFlows.approval.modes.${s.mode}`)}{s.quorum ? ` ${s.quorum}` : ''}</Tag> : <Tag>{t('designerFlows.simulator.skipped')}</Tag>}
                  {s.approvers.map((a) => (
                    <Tag key={a.id} color="geekblue" data-testid="simulate-approver">{a.displayName}</Tag>
                  ))}
                </Space>
                {s.problem && <Typography.Paragraph type="danger" style={{ margin: 0 }}>{s.problem}</Typography.Paragraph>}
              </div>
            ))}
          </div>
        )}
      </Space>
    </Card>
  );
}
