import { HolderOutlined } from '@ant-design/icons';
import { Card, Empty, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useDrag } from 'react-dnd';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../i18n/label';
import { PALETTE_BLOCK, PALETTE_FIELD, type FormDragItem } from './form-dnd';
import type { PaletteBlock, PlaceableField } from './form-fields';

/** The object's fields, dragged onto the canvas (a field already placed is shown but not dragged again), then the blocks: a note, related lists. */
export function FieldPalette({ fields, placed, blocks = [] }: { fields: PlaceableField[]; placed: ReadonlySet<string>; blocks?: PaletteBlock[] }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const [q, setQ] = useState('');
  const needle = q.trim().toLowerCase();
  const shown = fields.filter((f) => !needle || f.key.includes(needle) || fieldName(f, label, t).toLowerCase().includes(needle));
  return (
    <Card
      size="small"
      title={t('designerForms.palette')}
      data-testid="form-palette"
      extra={<Input.Search size="small" allowClear placeholder={t('designerForms.searchFields')} value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 200 }} />}
      styles={{ body: { maxHeight: 160, overflowY: 'auto' } }}
    >
      {shown.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
      <Space size={[6, 6]} wrap>
        {shown.map((f) => (
          <PaletteField key={f.key} field={f} placed={placed.has(f.key)} />
        ))}
        {blocks.map((b) => (
          <PaletteBlockChip key={b.key} block={b} />
        ))}
      </Space>
    </Card>
  );
}

/** A field's name in the UI language (system fields by their translated name). */
export function fieldName(field: Pick<PlaceableField, 'key' | 'label'>, label: ReturnType<typeof useLabel>['label'], t: (key: string) => string): string {
  return field.label ? label(field.label) : t(`designerForms.system.${field.key}`);
}

function PaletteField({ field, placed }: { field: PlaceableField; placed: boolean }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const [{ dragging }, ref] = useDrag<FormDragItem, void, { dragging: boolean }>(
    () => ({ type: PALETTE_FIELD, item: { type: PALETTE_FIELD, field: field.key }, canDrag: !placed, collect: (m) => ({ dragging: m.isDragging() }) }),
    [field.key, placed],
  );
  return (
    <div
      ref={(node) => void ref(node)}
      data-testid={`palette-field-${field.key}`}
      data-placed={placed || undefined}
      title={placed ? `${field.key} · ${t('designerForms.alreadyPlaced')}` : field.key}
      style={{
        padding: '2px 8px',
        border: '1px solid #f0f0f0',
        borderRadius: 6,
        cursor: placed ? 'default' : 'grab',
        opacity: dragging ? 0.4 : placed ? 0.5 : 1,
        background: '#fff',
      }}
    >
      <Space size={4}>
        {!placed && <HolderOutlined />}
        <Typography.Text delete={placed}>{fieldName(field, label, t)}</Typography.Text>
        <Tag style={{ marginInlineEnd: 0, fontSize: 11 }}>{field.type === 'system' ? t('designerForms.systemField') : field.type}</Tag>
      </Space>
    </div>
  );
}

function PaletteBlockChip({ block }: { block: PaletteBlock }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const [{ dragging }, ref] = useDrag<FormDragItem, void, { dragging: boolean }>(() => ({ type: PALETTE_BLOCK, item: { type: PALETTE_BLOCK, item: block.item }, collect: (m) => ({ dragging: m.isDragging() }) }), [block]);
  return (
    <div ref={(node) => void ref(node)} data-testid={`palette-block-${block.key}`} style={{ padding: '2px 8px', border: '1px dashed #91caff', borderRadius: 6, cursor: 'grab', opacity: dragging ? 0.4 : 1, background: '#f0f7ff' }}>
      <Space size={4}>
        <HolderOutlined />
        <Typography.Text>{label(block.label)}</Typography.Text>
        <Tag color="blue" style={{ marginInlineEnd: 0, fontSize: 11 }}>{t(block.item.kind === 'note' ? 'designerForms.blockNote' : 'designerForms.blockRelated')}</Tag>
      </Space>
    </div>
  );
}
