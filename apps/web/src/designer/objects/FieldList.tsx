import { DeleteOutlined, HolderOutlined, StarFilled } from '@ant-design/icons';
import type { Field, ObjectDefinition } from '@tessera/metadata';
import { Badge, Button, Card, Empty, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useDrag, useDrop } from 'react-dnd';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../i18n/label';
import { FIELD_ROW, PALETTE_ITEM, type PaletteDrag, type RowDrag } from './field.dnd';
import type { FieldType } from './field.schema';

interface Props {
  object: ObjectDefinition;
  selected?: string;
  onSelect(key: string): void;
  /** A palette type dropped before `index` (at the end when index is the length). */
  onInsert(type: FieldType, index: number): void;
  onMove(from: number, to: number): void;
  onRemove(index: number): void;
  problemCount(index: number): number;
}

type Dropped = PaletteDrag | RowDrag;
const isRow = (item: Dropped): item is RowDrag => 'index' in item;

/** The object's fields in order: a drop target for the palette, each row dragged to reorder. */
export function FieldList({ object, selected, onSelect, onInsert, onMove, onRemove, problemCount }: Props) {
  const { t } = useTranslation();
  const drop = (item: Dropped, index: number) => {
    if (isRow(item)) onMove(item.index, item.index < index ? index - 1 : index);
    else onInsert(item.fieldType, index);
  };
  const end = object.fields.length;
  return (
    <Card size="small" title={t('designer.objects.fields')} data-testid="field-list">
      <Space orientation="vertical" style={{ width: '100%' }} size={4}>
        {object.fields.length === 0 && <Empty description={t('designer.objects.noFields')} />}
        {object.fields.map((field, index) => (
          <FieldRow
            key={field.key}
            field={field}
            index={index}
            selected={field.key === selected}
            title={object.titleField === field.key}
            problems={problemCount(index)}
            onSelect={() => onSelect(field.key)}
            onDrop={(item) => drop(item, index)}
            onRemove={() => onRemove(index)}
          />
        ))}
        <DropZone onDrop={(item) => drop(item, end)} testId="field-list-end">
          <Typography.Text type="secondary">{t('designer.objects.dropHere')}</Typography.Text>
        </DropZone>
      </Space>
    </Card>
  );
}

function DropZone({ onDrop, children, testId }: { onDrop(item: Dropped): void; children: ReactNode; testId: string }) {
  const [{ over }, ref] = useDrop<Dropped, void, { over: boolean }>({
    accept: [PALETTE_ITEM, FIELD_ROW],
    drop: onDrop,
    collect: (m) => ({ over: m.isOver() }),
  });
  return (
    <div
      ref={(node) => void ref(node)}
      data-testid={testId}
      style={{ border: `1px dashed ${over ? '#1677ff' : '#d9d9d9'}`, borderRadius: 6, padding: 12, textAlign: 'center', background: over ? '#e6f4ff' : undefined }}
    >
      {children}
    </div>
  );
}

interface RowProps {
  field: Field;
  index: number;
  selected: boolean;
  title: boolean;
  problems: number;
  onSelect(): void;
  onDrop(item: Dropped): void;
  onRemove(): void;
}

function FieldRow({ field, index, selected, title, problems, onSelect, onDrop, onRemove }: RowProps) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const [{ dragging }, drag] = useDrag<RowDrag, void, { dragging: boolean }>({
    type: FIELD_ROW,
    item: { index, key: field.key },
    collect: (m) => ({ dragging: m.isDragging() }),
  });
  // Dropping on a row puts the dragged field (or the new one) before it.
  const [{ over }, drop] = useDrop<Dropped, void, { over: boolean }>({
    accept: [PALETTE_ITEM, FIELD_ROW],
    drop: onDrop,
    canDrop: (item) => !isRow(item) || item.index !== index,
    collect: (m) => ({ over: m.isOver() && m.canDrop() }),
  });
  return (
    <div
      ref={(node) => void drag(drop(node))}
      data-testid={`field-row-${field.key}`}
      onClick={onSelect}
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: 8,
        padding: '4px 8px',
        whiteSpace: 'nowrap',
        borderRadius: 6,
        cursor: 'pointer',
        border: `1px solid ${selected ? '#1677ff' : '#f0f0f0'}`,
        borderTop: over ? '3px solid #1677ff' : undefined,
        background: selected ? '#e6f4ff' : '#fff',
        opacity: dragging ? 0.4 : field.retired ? 0.55 : 1,
      }}
    >
      <HolderOutlined style={{ cursor: 'grab', color: '#999' }} />
      <Badge count={problems} size="small" offset={[6, 0]}>
        <Typography.Text ellipsis style={{ maxWidth: 140, ...(field.retired && { textDecoration: 'line-through' }) }}>
          {label(field.label) || field.key}
        </Typography.Text>
      </Badge>
      <Typography.Text type="secondary" code ellipsis style={{ flex: 1, minWidth: 0 }}>
        {field.key}
      </Typography.Text>
      {title && (
        <Tooltip title={t('designer.objects.titleField')}>
          <StarFilled style={{ color: '#faad14' }} aria-label={t('designer.objects.titleField')} />
        </Tooltip>
      )}
      {field.required && (
        <Tooltip title={t('designer.objects.props.required')}>
          <Typography.Text type="danger">*</Typography.Text>
        </Tooltip>
      )}
      {field.retired && <Tag>{t('designer.objects.retired')}</Tag>}
      <Tag color="blue">{t(`designer.objects.types.${field.type}`)}</Tag>
      <Popconfirm title={t('designer.objects.removeField')} description={t('designer.objects.removeFieldHint')} onConfirm={onRemove} okText={t('designer.objects.remove')}>
        <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('designer.objects.remove')} data-testid={`remove-field-${field.key}`} onClick={(e) => e.stopPropagation()} />
      </Popconfirm>
    </div>
  );
}
