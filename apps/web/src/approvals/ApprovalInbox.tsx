import { DownOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Dropdown, List, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api/http';
import { useLabel } from '../i18n/label';
import { useWorkspace } from '../metadata/metadata.queries';
import type { InboxItem } from './approval.types';
import { RecordSummary } from './RecordSummary';
import { TaskActionModal, type TaskAction } from './TaskActionModal';

type InboxState = 'pending' | 'submitted' | 'handled';

/** Tasks waiting for the user (approve, reject, return, transfer, add approver, comment), what they submitted and what they handled. */
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
  const meta = useWorkspace();
  const inbox = useQuery({ queryKey: ['inbox', state], queryFn: () => api<{ items: InboxItem[] }>(`/api/approvals/tasks?state=${state}`) });
  const [acting, setActing] = useState<{ item: InboxItem; action: TaskAction } | null>(null);
  // The step as the current metadata declares it (what it allows, whether approving needs a comment).
  const stepOf = (item: InboxItem) => meta.data?.flows.find((f) => f.key === item.instance.flow)?.steps.find((s) => s.key === item.task.step);

  const actions = (item: InboxItem) => {
    const step = stepOf(item);
    const more: Array<{ key: TaskAction; label: string }> = [
      { key: 'return', label: t('approvals.action.return') },
      ...(step?.allowDelegate ? [{ key: 'transfer' as const, label: t('approvals.action.transfer') }] : []),
      ...(step?.allowAddApprover ? [{ key: 'add-approver' as const, label: t('approvals.action.add-approver') }] : []),
      { key: 'comment', label: t('approvals.action.comment') },
    ];
    return [
      <Button key="approve" type="primary" onClick={() => setActing({ item, action: 'approve' })}>{t('approvals.approve')}</Button>,
      <Button key="reject" danger onClick={() => setActing({ item, action: 'reject' })}>{t('approvals.reject')}</Button>,
      <Dropdown key="more" trigger={['click']} menu={{ items: more, onClick: ({ key }) => setActing({ item, action: key as TaskAction }) }}>
        <Button data-testid="task-more">
          {t('approvals.more')} <DownOutlined />
        </Button>
      </Dropdown>,
    ];
  };

  return (
    <>
      <List
        loading={inbox.isLoading}
        locale={{ emptyText: t('approvals.empty') }}
        dataSource={inbox.data?.items ?? []}
        renderItem={(item) => (
          <List.Item data-testid="inbox-item" actions={state === 'pending' ? actions(item) : []}>
            <List.Item.Meta
              title={
                <Space wrap>
                  <Link to={`/o/${item.record.object}/${item.record.id}`}>{item.record.title ?? item.record.id.slice(-8)}</Link>
                  <Tag>{label(item.record.objectLabel)}</Tag>
                </Space>
              }
              description={
                <>
                  <Typography.Text type="secondary">
                    {label(item.instance.flowLabel)}
                    {item.instance.currentStepLabel ? ` · ${label(item.instance.currentStepLabel)}` : ''} · {item.instance.submittedBy.name} · {new Date(item.instance.submittedAt).toLocaleString()}
                    {state !== 'pending' && ` · ${t(`approvals.state.${item.instance.state === 'finished' && item.instance.outcome ? item.instance.outcome : item.instance.state}`, { defaultValue: item.instance.outcome ?? item.instance.state })}`}
                  </Typography.Text>
                  <RecordSummary object={item.record.object} id={item.record.id} />
                </>
              }
            />
          </List.Item>
        )}
      />
      <TaskActionModal item={acting?.item ?? null} action={acting?.action ?? 'approve'} step={acting ? stepOf(acting.item) : undefined} onClose={() => setActing(null)} />
    </>
  );
}
