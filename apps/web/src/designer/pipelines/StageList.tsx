import { HolderOutlined, PlusOutlined } from '@ant-design/icons';
import type { Stage } from '@tessera/metadata';
import { Button, Card, Space, Tag, Typography } from 'antd';
import { useContext, useRef, type ReactNode } from 'react';
import { DndContext, DndProvider, useDrag, useDrop } from 'react-dnd';
import { HTML5Backend } from 'react-dnd-html5-backend';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../i18n/label';

const STAGE = 'designer-stage';

/** A drag-and-drop context unless a surrounding screen already has one (two HTML5 backends cannot coexist). */
export function WithDnd({ children }: { children: ReactNode }) {
  const outer = useContext(DndContext);
  return outer.dragDropManager ? <>{children}</> : <DndProvider backend={HTML5Backend}>{children}</DndProvider>;
}

/** The stages in order; a stage dropped on another takes its place. */
export function StageList({ stages, selected, onSelect, onMove, onAdd, problemCount }: { stages: Stage[]; selected: number; onSelect(i: number): void; onMove(from: number, to: number): void; onAdd(): void; problemCount(i: number): number }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="stage-list">
      {stages.map((s, i) => (
        <StageRow key={s.key + i} stage={s} index={i} selected={i === selected} onSelect={() => onSelect(i)} onMove={onMove} problems={problemCount(i)} />
      ))}
      <Button block icon={<PlusOutlined />} onClick={onAdd} data-testid="stage-add">
        {t('designerFlows.pipeline.addStage')}
      </Button>
    </Space>
  );
}

function StageRow({ stage, index, selected, onSelect, onMove, problems }: { stage: Stage; index: number; selected: boolean; onSelect(): void; onMove(from: number, to: number): void; problems: number }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const ref = useRef<HTMLDivElement>(null);
  const [{ dragging }, drag] = useDrag({ type: STAGE, item: { index }, collect: (m) => ({ dragging: m.isDragging() }) });
  const [{ over }, drop] = useDrop<{ index: number }, void, { over: boolean }>({
    accept: STAGE,
    drop: (item) => {
      if (item.index !== index) onMove(item.index, index);
    },
    collect: (m) => ({ over: m.isOver() && m.getItem<{ index: number }>()?.index !== index }),
  });
  drag(drop(ref));
  const type = stage.type ?? 'open';
  const conditions = (stage.entry?.length ?? 0) + (stage.exit?.length ?? 0);
  return (
    <div ref={ref} data-testid={`stage-row-${stage.key}`} style={{ opacity: dragging ? 0.4 : 1, cursor: 'grab' }} onClick={onSelect}>
      <Card size="small" style={{ borderColor: selected ? '#1677ff' : over ? '#52c41a' : undefined, borderStyle: over ? 'dashed' : undefined, background: selected ? '#e6f4ff' : undefined }}>
        <Space>
          <HolderOutlined />
          <Typography.Text strong>{label(stage.label) || stage.key}</Typography.Text>
          <Typography.Text type="secondary">{stage.probability}%</Typography.Text>
          {type !== 'open' && <Tag color={type === 'won' ? 'green' : 'default'}>{t(`designerFlows.pipeline.types.${type}`)}</Tag>}
          {conditions > 0 && <Tag>{t('designerFlows.pipeline.conditionCount', { count: conditions })}</Tag>}
          {stage.timeout && <Tag color="orange">{stage.timeout.after}</Tag>}
          {problems > 0 && <Tag color="red">{problems}</Tag>}
        </Space>
      </Card>
    </div>
  );
}
