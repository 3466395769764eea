import { AuditOutlined, CommentOutlined, EditOutlined, NodeIndexOutlined } from '@ant-design/icons';
import type { ObjectDefinition, PipelineDefinition } from '@tessera/metadata';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, Input, Popconfirm, Segmented, Space, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http';
import type { RecordApprovals } from '../../approvals/approval.types';
import { useLabel } from '../../i18n/label';
import { useMe } from '../../metadata/metadata.queries';
import type { RecordPipelineView } from '../../pipelines/pipeline.types';
import { timelineEntries, type HistoryItem, type RecordCommentItem, type TimelineKind } from './timeline.entries';

const SYSTEM = '00000000-0000-0000-0000-000000000000';
const ICONS = { comment: <CommentOutlined />, field: <EditOutlined />, stage: <NodeIndexOutlined />, approval: <AuditOutlined /> };

/**
 * The record's timeline: comments (written here), field changes, stage moves (with
 * reason and comment) and the approval timeline (with the approvers' comments), newest
 * first, filterable by kind; every entry names who did it.
 * The stage and approval views are the queries the path bar and the approvals card use.
 */
export function RecordTimeline({ object, recordId, pipeline, withApprovals, hidden }: { object: ObjectDefinition; recordId: string; pipeline?: PipelineDefinition; withApprovals: boolean; hidden: string[] }) {
  const { t } = useTranslation();
  const { language } = useLabel();
  const me = useMe();
  const [kind, setKind] = useState<TimelineKind | 'all'>('all');
  // Under ['record', …] so that whatever refreshes the record refreshes its history too.
  const history = useQuery({ queryKey: ['record', object.key, recordId, 'history'], queryFn: () => api<{ items: HistoryItem[] }>(`/api/objects/${object.key}/records/${recordId}/history`) });
  const stages = useQuery({ queryKey: ['pipeline', object.key, recordId], enabled: pipeline !== undefined, queryFn: () => api<RecordPipelineView>(`/api/objects/${object.key}/records/${recordId}/pipeline`) });
  const approvals = useQuery({ queryKey: ['approvals', object.key, recordId], enabled: withApprovals, queryFn: () => api<RecordApprovals>(`/api/objects/${object.key}/records/${recordId}/approvals`) });
  const commentsPath = `/api/objects/${object.key}/records/${recordId}/comments`;
  const comments = useQuery({ queryKey: ['record', object.key, recordId, 'comments'], queryFn: () => api<{ items: RecordCommentItem[] }>(commentsPath) });
  const client = useQueryClient();
  const [text, setText] = useState('');
  const refresh = () => client.invalidateQueries({ queryKey: ['record', object.key, recordId, 'comments'] });
  const send = useMutation({ mutationFn: (body: string) => api(commentsPath, { method: 'POST', body: { body } }), onSuccess: () => (setText(''), refresh()) });
  const drop = useMutation({ mutationFn: (id: string) => api(`${commentsPath}/${id}`, { method: 'DELETE' }), onSuccess: refresh });

  const entries = timelineEntries({ object, pipeline, history: history.data?.items ?? [], stages: stages.data?.history, approvals: approvals.data, comments: comments.data?.items, hidden, language }).filter((e) => kind === 'all' || e.kind === kind);
  const who = (id: string | null, name?: string | null) => (id === SYSTEM || id === null ? t('timeline.system') : (name ?? (id === me.data?.user.id ? me.data.user.displayName : t('timeline.someone'))));

  return (
    <Card size="small" title={t('timeline.title')} data-testid="record-timeline">
      <Segmented
        size="small"
        style={{ marginBottom: 12 }}
        value={kind}
        onChange={(v) => setKind(v as TimelineKind | 'all')}
        options={(['all', 'comment', 'field', 'stage', 'approval'] as const).filter((k) => (k !== 'stage' || pipeline) && (k !== 'approval' || withApprovals)).map((k) => ({ value: k, label: t(`timeline.kind.${k}`) }))}
      />
      <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
        <Input.TextArea
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('timeline.commentPlaceholder')}
          autoSize={{ minRows: 1, maxRows: 6 }}
          maxLength={5000}
          data-testid="comment-input"
        />
        <Button type="primary" disabled={!text.trim()} loading={send.isPending} onClick={() => send.mutate(text)} data-testid="comment-send">
          {t('timeline.commentSend')}
        </Button>
      </Space.Compact>
      {entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('timeline.empty')} />
      ) : (
        <Timeline
          items={entries.map((e) => ({
            key: e.key,
            icon: ICONS[e.kind],
            content: (
              <div data-testid={`timeline-${e.kind}`}>
                <Typography.Text>
                  {e.kind === 'approval' ? t('timeline.approval', { ...e.what.values, event: t(`approvals.event.${e.what.values?.event}`, { defaultValue: e.what.values?.event }) }) : t(e.what.key, e.what.values)}
                </Typography.Text>{' '}
                <Typography.Text type="secondary">
                  · {who(e.actorId, e.actorName)} · {new Date(e.at).toLocaleString(language)}
                </Typography.Text>
                {e.changes?.map((c) => (
                  <div key={c.label}>
                    <Typography.Text type="secondary">
                      {c.label}: {c.from || '—'} → {c.to || '—'}
                    </Typography.Text>
                  </div>
                ))}
                {e.comment && (
                  <div>
                    {e.kind === 'comment' ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{e.comment}</Typography.Paragraph> : <Typography.Text italic>“{e.comment}”</Typography.Text>}
                  </div>
                )}
                {e.commentId && e.mine && (
                  <Popconfirm title={t('timeline.commentDelete')} onConfirm={() => drop.mutate(e.commentId!)}>
                    <Button type="link" size="small" danger style={{ padding: 0 }} data-testid="comment-delete">
                      {t('timeline.commentDelete')}
                    </Button>
                  </Popconfirm>
                )}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
