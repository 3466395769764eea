import { AuditOutlined, EditOutlined, NodeIndexOutlined } from '@ant-design/icons';
import type { ObjectDefinition, PipelineDefinition } from '@tessera/metadata';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Segmented, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http';
import type { RecordApprovals } from '../../approvals/approval.types';
import { useLabel } from '../../i18n/label';
import { useMe } from '../../metadata/metadata.queries';
import type { RecordPipelineView } from '../../pipelines/pipeline.types';
import { timelineEntries, type HistoryItem, type TimelineKind } from './timeline.entries';

const SYSTEM = '00000000-0000-0000-0000-000000000000';
const ICONS = { field: <EditOutlined />, stage: <NodeIndexOutlined />, approval: <AuditOutlined /> };

/**
 * The record's timeline: field changes, stage moves (with reason and comment) and the
 * approval timeline (with the approvers' comments), newest first, filterable by kind.
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

  const entries = timelineEntries({ object, pipeline, history: history.data?.items ?? [], stages: stages.data?.history, approvals: approvals.data, hidden, language }).filter((e) => kind === 'all' || e.kind === kind);
  // Names the page knows: the approvals' actors and the signed-in user.
  const names = new Map<string, string>();
  for (const e of approvals.data?.timeline ?? []) if (e.actor?.id && e.actor.name) names.set(e.actor.id, e.actor.name);
  if (me.data) names.set(me.data.user.id, me.data.user.displayName);
  const who = (id: string | null, name?: string | null) => (id === SYSTEM || id === null ? t('timeline.system') : (name ?? names.get(id) ?? t('timeline.someone')));

  return (
    <Card size="small" title={t('timeline.title')} data-testid="record-timeline">
      <Segmented
        size="small"
        style={{ marginBottom: 12 }}
        value={kind}
        onChange={(v) => setKind(v as TimelineKind | 'all')}
        options={(['all', 'field', 'stage', 'approval'] as const).filter((k) => (k !== 'stage' || pipeline) && (k !== 'approval' || withApprovals)).map((k) => ({ value: k, label: t(`timeline.kind.${k}`) }))}
      />
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
                {e.comment && <div><Typography.Text italic>“{e.comment}”</Typography.Text></div>}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
