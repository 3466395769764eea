import { HolderOutlined } from '@ant-design/icons';
import { Card, Tag, Tooltip } from 'antd';
import { useDrag } from 'react-dnd';
import { useTranslation } from 'react-i18next';
import { PALETTE_ITEM, type PaletteDrag } from './field.dnd';
import { FIELD_TYPE_KEYS, type FieldType } from './field.schema';

/** Every field type of the engine's registry, dragged onto the field list (a click adds it at the end). */
export function FieldPalette({ onAdd }: { onAdd(type: FieldType): void }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('designer.objects.palette')} data-testid="field-palette">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
        {FIELD_TYPE_KEYS.map((type) => (
          <PaletteItem key={type} type={type} onAdd={onAdd} />
        ))}
      </div>
    </Card>
  );
}

function PaletteItem({ type, onAdd }: { type: FieldType; onAdd(type: FieldType): void }) {
  const { t } = useTranslation();
  const [{ dragging }, ref] = useDrag<PaletteDrag, void, { dragging: boolean }>({
    type: PALETTE_ITEM,
    item: { fieldType: type },
    collect: (m) => ({ dragging: m.isDragging() }),
  });
  return (
    <Tooltip title={t('designer.objects.paletteHint')}>
      <Tag
        ref={(node) => void ref(node)}
        data-testid={`palette-${type}`}
        icon={<HolderOutlined />}
        style={{ cursor: 'grab', opacity: dragging ? 0.4 : 1, padding: '2px 8px', margin: 0 }}
        onClick={() => onAdd(type)}
      >
        {t(`designer.objects.types.${type}`)}
      </Tag>
    </Tooltip>
  );
}
