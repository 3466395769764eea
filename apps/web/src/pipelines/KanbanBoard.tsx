import type { ObjectDefinition, PipelineDefinition, Stage } from '@tessera/metadata';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { Alert, Badge, Card, Space, Typography } from 'antd';
import { useState } from 'react';
import { DndProvider, useDrag, useDrop } from 'react-dnd';
import { HTML5Backend } from 'react-dnd-html5-backend';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api/http';
import { problemLines } from '../api/problem';
import { useLabel } from '../i18n/label';
import { useWorkspace } from '../metadata/metadata.queries';
import { recordTitle, type RecordData } from '../records/field-display';
import { listUrl, type RecordPage } from '../records/record.queries';
import { BlockedMoveAlert } from './BlockedMoveAlert';
import type { BlockedMove } from './pipeline.types';
import { moveStage } from './stage-move';

const CARD = 'record-card';
const PER_COLUMN = 50;

interface DragItem {
  id: string;
  from: string;
}

/** The pipeline as columns of cards; a drop asks the server for the move and snaps back with the reasons when the gate refuses. */
export function KanbanBoard() {
  const { object: objectKey = '' } = useParams();
  const meta = useWorkspace();
  const object = meta.data?.objects.get(objectKey);
  const pipeline = meta.data?.pipelines.get(objectKey);
  if (!object || !pipeline) return null;
  return (
    <DndProvider backend={HTML5Backend}>
      <Board object={object} pipeline={pipeline} />
    </DndProvider>
  );
}

function Board({ object, pipeline }: { object: ObjectDefinition; pipeline: PipelineDefinition }) {
  const { t } = useTranslation();
  const { label, language } = useLabel();
  const client = useQueryClient();
  // Cards dropped but not yet confirmed by the server: record id -> stage.
  const [pending, setPending] = useState<Record<string, string>>({});
  const [blocked, setBlocked] = useState<(BlockedMove & { title: string }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const columns = useQueries({
    queries: pipeline.stages.map((s) => {
      const params = { filter: { field: pipeline.stageField, op: 'eq', value: s.key }, limit: PER_COLUMN };
      return { queryKey: ['records', object.key, params], queryFn: () => api<RecordPage>(listUrl(object.key, params)) };
    }),
  });
  const all = columns.flatMap((c) => c.data?.items ?? []);

  const drop = async (item: DragItem, to: string) => {
    if (item.from === to) return;
    const record = all.find((r) => r.id === item.id);
    setBlocked(null);
    setError(null);
    setPending((p) => ({ ...p, [item.id]: to }));
    try {
      const result = await moveStage(object.key, item.id, { stage: to }, language);
      if (!result.ok) setBlocked({ ...result.blocked, title: recordTitle(object, record) });
      else await client.invalidateQueries({ queryKey: ['records', object.key] });
    } catch (e) {
      setError(problemLines(e).join('; '));
    } finally {
      setPending(({ [item.id]: _, ...rest }) => rest);
    }
  };

  const amountField = pipeline.amountField;
  const money = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>{label(pipeline.label)}</Typography.Title>
      {error && <Alert type="error" title={error} closable={{ onClose: () => setError(null) }} />}
      {blocked && (
        <BlockedMoveAlert
          blocked={blocked}
          object={object}
          targetLabel={`${blocked.title} → ${label(pipeline.stages.find((s) => s.key === blocked.to)?.label)}`}
          onClose={() => setBlocked(null)}
        />
      )}
      <div style={{ display: 'flex', gap: 12, overflowX: 'auto', paddingBottom: 8 }}>
        {pipeline.stages.map((stage, i) => {
          const page = columns[i].data;
          const cards = [
            ...(page?.items ?? []).filter((r) => (pending[r.id] ?? stage.key) === stage.key),
            ...all.filter((r) => pending[r.id] === stage.key && r[pipeline.stageField] !== stage.key),
          ];
          const sum = amountField ? cards.reduce((total, r) => total + Number(r[amountField] ?? 0), 0) : undefined;
          return (
            <Column key={stage.key} stage={stage} onDrop={(item) => void drop(item, stage.key)}>
              <Space style={{ marginBottom: 8 }} wrap>
                <Typography.Text strong>{label(stage.label)}</Typography.Text>
                <Badge count={`${cards.length}${page?.nextCursor ? '+' : ''}`} color="#999" />
                {sum !== undefined && <Typography.Text type="secondary">¥{money.format(sum)}</Typography.Text>}
              </Space>
              {cards.map((r) => (
                <RecordCard key={r.id} record={r} stage={stage.key} title={recordTitle(object, r)} amount={amountField && r[amountField] != null ? `¥${money.format(Number(r[amountField]))}` : undefined} object={object.key} />
              ))}
              {cards.length === 0 && <Typography.Text type="secondary">{t('board.empty')}</Typography.Text>}
            </Column>
          );
        })}
      </div>
    </Space>
  );
}

function Column({ stage, onDrop, children }: { stage: Stage; onDrop(item: DragItem): void; children: React.ReactNode }) {
  const [{ over }, ref] = useDrop<DragItem, void, { over: boolean }>({ accept: CARD, drop: onDrop, collect: (m) => ({ over: m.isOver() }) });
  return (
    <div
      ref={(node) => void ref(node)}
      data-testid={`column-${stage.key}`}
      style={{ minWidth: 240, flex: '0 0 240px', background: over ? '#e6f4ff' : '#f5f5f5', borderRadius: 8, padding: 8, minHeight: 300 }}
    >
      {children}
    </div>
  );
}

function RecordCard({ record, stage, title, amount, object }: { record: RecordData; stage: string; title: string; amount?: string; object: string }) {
  const [{ dragging }, ref] = useDrag<DragItem, void, { dragging: boolean }>({ type: CARD, item: { id: record.id, from: stage }, collect: (m) => ({ dragging: m.isDragging() }) });
  return (
    <div ref={(node) => void ref(node)} data-testid={`card-${record.id}`} style={{ opacity: dragging ? 0.4 : 1, marginBottom: 8, cursor: 'grab' }}>
      <Card size="small">
        <Link to={`/o/${object}/${record.id}`}>{title}</Link>
        {amount && <div><Typography.Text type="secondary">{amount}</Typography.Text></div>}
      </Card>
    </div>
  );
}
