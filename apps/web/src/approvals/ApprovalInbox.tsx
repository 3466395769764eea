import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, List, Modal, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api/http';
import { problemLines } from '../api/problem';
import { useLabel } from '../i18n/label';
import type { InboxItem } from './approval.types';

type InboxState = 'pending' | 'submitted' | 'handled';
type Decision = { item: InboxItem; action: 'approve' | 'reject' };

/** Tasks waiting for the user (approve, reject with a reason), what they submitted and what they handled. */
export function ApprovalInbox() {
  const { t } = useTranslation();
  const [state, setState] = useState<InboxState>('pending');
  return (
    <Card title={t('approvals.inbox')}>
      <Tabs
        activeKey={state}
        onChange={(k) => setState(k as InboxState)}
        items={(['pending', 'submitted', 'handled'] as const).map((k) => ({ key: k, label: t(`approvals.tab.${k}`), children: k === state ? <InboxList state={k} /> : null }))}
      />
    </Card>
  );
}

function InboxList({ state }: { state: InboxState }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const { message } = App.useApp();
  const client = useQueryClient();
  const inbox = useQuery({ queryKey: ['inbox', state], queryFn: () => api<{ items: InboxItem[] }>(`/api/approvals/tasks?state=${state}`) });
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const [form] = Form.useForm<{ comment?: string }>();

  const decide = async () => {
    const { comment } = await form.validateFields();
    const { item, action } = deciding!;
    try {
      await api(`/api/approvals/tasks/${item.task.id}/${action}`, { body: comment ? { comment } : {} });
      message.success(t(action === 'approve' ? 'approvals.approved' : 'approvals.rejected'));
      setDeciding(null);
      await client.invalidateQueries({ queryKey: ['inbox'] });
      await client.invalidateQueries({ queryKey: ['approvals', item.record.object, item.record.id] });
    } catch (error) {
      message.error(problemLines(error).join('; '));
    }
  };
  const open = (item: InboxItem, action: Decision['action']) => {
    form.resetFields();
    setDeciding({ item, action });
  };

  return (
    <>
      <List
        loading={inbox.isLoading}
        locale={{ emptyText: t('approvals.empty') }}
        dataSource={inbox.data?.items ?? []}
        renderItem={(item) => (
          <List.Item
            data-testid="inbox-item"
            actions={
              state === 'pending'
                ? [
                    <Button key="approve" type="primary" onClick={() => open(item, 'approve')}>{t('approvals.approve')}</Button>,
                    <Button key="reject" danger onClick={() => open(item, 'reject')}>{t('approvals.reject')}</Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <Link to={`/o/${item.record.object}/${item.record.id}`}>{item.record.title ?? item.record.id.slice(-8)}</Link>
                  <Tag>{label(item.record.objectLabel)}</Tag>
                </Space>
              }
              description={
                <Typography.Text type="secondary">
                  {label(item.instance.flowLabel)}
                  {item.instance.currentStepLabel ? ` · ${label(item.instance.currentStepLabel)}` : ''} · {item.instance.submittedBy.name} · {new Date(item.instance.submittedAt).toLocaleString()}
                  {state !== 'pending' && ` · ${t(`approvals.state.${item.instance.state === 'finished' && item.instance.outcome ? item.instance.outcome : item.instance.state}`)}`}
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
      <Modal
        open={deciding !== null}
        title={deciding ? t(deciding.action === 'approve' ? 'approvals.approveTitle' : 'approvals.rejectTitle', { title: deciding.item.record.title ?? '' }) : ''}
        okText={deciding?.action === 'reject' ? t('approvals.reject') : t('approvals.approve')}
        okButtonProps={{ danger: deciding?.action === 'reject' }}
        cancelText={t('form.cancel')}
        onOk={decide}
        onCancel={() => setDeciding(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="comment" label={t(deciding?.action === 'reject' ? 'approvals.reason' : 'approvals.comment')} rules={deciding?.action === 'reject' ? [{ required: true, message: t('approvals.reasonRequired') }] : []}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
