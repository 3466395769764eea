import { LockOutlined, RollbackOutlined } from '@ant-design/icons';
import type { ApprovalFlowDefinition } from '@tessera/metadata';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/http';
import { problemLines } from '../api/problem';
import { useLabel } from '../i18n/label';
import type { RecordApprovals as RecordApprovalsView } from './approval.types';

/** A finished instance shows its outcome (approved, rejected). */
const shown = (i: { state: string; outcome: string | null }) => (i.state === 'finished' && i.outcome ? i.outcome : i.state);

const STATE_COLORS: Record<string, string> = { pending: 'processing', approved: 'success', rejected: 'error' };

/** The record's approvals: submit for a manual flow, state of each instance and whom it waits for, lock, 撤回 by the submitter while nobody acted (the timeline is the record's). */
export function RecordApprovals({ object, recordId, flows }: { object: string; recordId: string; flows: ApprovalFlowDefinition[] }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const { message } = App.useApp();
  const client = useQueryClient();
  const key = ['approvals', object, recordId];
  const view = useQuery({ queryKey: key, queryFn: () => api<RecordApprovalsView>(`/api/objects/${object}/records/${recordId}/approvals`) });
  const pending = view.data?.instances.filter((i) => i.state === 'pending') ?? [];
  const manual = flows.filter((f) => f.start?.manual !== false);

  const submit = async (flow: string) => {
    try {
      await api(`/api/objects/${object}/records/${recordId}/approvals`, { body: { flow } });
      message.success(t('approvals.submitted'));
      await client.invalidateQueries({ queryKey: key });
      await client.invalidateQueries({ queryKey: ['record', object, recordId] });
    } catch (error) {
      message.error(problemLines(error).join('; '));
    }
  };

  const recall = async (instanceId: string) => {
    try {
      await api(`/api/approvals/instances/${instanceId}/recall`, { body: {} });
      message.success(t('approvals.recalled'));
      await client.invalidateQueries({ queryKey: key });
      await client.invalidateQueries({ queryKey: ['record', object, recordId] });
    } catch (error) {
      message.error(problemLines(error).join('; '));
    }
  };

  return (
    <Card size="small" title={t('approvals.title')} data-testid="record-approvals" extra={pending.length > 0 && <Tag icon={<LockOutlined />} color="orange">{t('approvals.locked')}</Tag>}>
      <Space wrap style={{ marginBottom: 12 }}>
        {manual.map((f) => (
          <Button key={f.key} disabled={pending.some((p) => p.flow === f.key)} onClick={() => void submit(f.key)}>
            {t('approvals.submit', { flow: label(f.label) })}
          </Button>
        ))}
      </Space>
      {view.data?.instances.map((i) => {
        const waiting = i.state === 'pending' ? (i.tasks ?? []).filter((task) => task.state === 'pending').map((task) => task.assignee.name ?? '') : [];
        return (
          <div key={i.id} style={{ marginBottom: 8 }} data-testid="approval-instance">
            <Space wrap>
              <Typography.Text>{label(i.flowLabel)}</Typography.Text>
              <Tag color={STATE_COLORS[shown(i)]} data-testid="approval-state">{t(`approvals.state.${shown(i)}`, { defaultValue: shown(i) })}</Tag>
              {i.currentStepLabel && <Typography.Text type="secondary">{label(i.currentStepLabel)}</Typography.Text>}
              {waiting.length > 0 && <Typography.Text type="secondary">{t('approvals.waitingFor', { names: waiting.join('、') })}</Typography.Text>}
              {i.canRecall && (
                <Popconfirm title={t('approvals.recallConfirm')} okText={t('approvals.recall')} cancelText={t('form.cancel')} onConfirm={() => recall(i.id)}>
                  <Button size="small" icon={<RollbackOutlined />}>{t('approvals.recall')}</Button>
                </Popconfirm>
              )}
            </Space>
          </div>
        );
      })}
    </Card>
  );
}
