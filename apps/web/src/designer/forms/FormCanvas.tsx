import { CloseOutlined, EyeInvisibleOutlined, HolderOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import type { FormDefinition, FormItem, FormSection, Label } from '@tessera/metadata';
import { Button, Card, Segmented, Space, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useState, type CSSProperties, type ReactNode } from 'react';
import { useDrag, useDrop } from 'react-dnd';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../i18n/label';
import { ACCEPTS, FORM_ITEM, PALETTE_BLOCK, PALETTE_FIELD, type FormDragItem } from './form-dnd';
import type { PlaceableField } from './form-fields';
import { addSection, addTab, freeKey, insertItem, itemPointer, layoutKeys, moveItem, removeItem, removeSection, removeTab, updateSection, type ItemAt, type SectionAt } from './form-layout.ops';
import { fieldName } from './FieldPalette';

/** What the properties panel edits. */
export type Selection = { kind: 'item'; at: ItemAt } | { kind: 'section'; at: SectionAt } | { kind: 'tab'; tab: number } | null;

interface CanvasProps {
  form: FormDefinition;
  fields: PlaceableField[];
  selection: Selection;
  onSelect(selection: Selection): void;
  /** One undoable change of the form document. */
  edit(change: (form: FormDefinition) => FormDefinition): void;
  /** Problems of the draft under a pointer of this form. */
  problemsAt(pointer: string): string[];
}

const NEW_SECTION: Label = { 'zh-CN': '新分组', en: 'New section' };
const NEW_TAB: Label = { 'zh-CN': '新标签页', en: 'New tab' };

/** Tabs of sections of items; fields are dropped in from the palette and moved by dragging. */
export function FormCanvas({ form, fields, selection, onSelect, edit, problemsAt }: CanvasProps) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const [active, setActive] = useState(form.tabs[0]?.key);
  const activeKey = form.tabs.some((tab) => tab.key === active) ? active : form.tabs[0]?.key;

  const drop = (drag: FormDragItem, to: ItemAt) => {
    if (drag.type === PALETTE_FIELD || drag.type === PALETTE_BLOCK) {
      edit((f) => insertItem(f, to, drag.type === PALETTE_FIELD ? { kind: 'field', field: drag.field } : drag.item));
      onSelect({ kind: 'item', at: to });
    } else {
      const { from } = drag;
      const same = from.tab === to.tab && from.section === to.section;
      edit((f) => moveItem(f, from, to));
      onSelect({ kind: 'item', at: { ...to, index: same && from.index < to.index ? to.index - 1 : to.index } });
    }
  };

  const ctx: SectionContext = { form, fields, selection, onSelect, edit, problemsAt, drop };
  return (
    <Tabs
      type="editable-card"
      data-testid="form-canvas"
      activeKey={activeKey}
      onChange={setActive}
      onEdit={(target, action) => {
        if (action === 'add') {
          const key = freeKey(layoutKeys(form), 'tab');
          edit((f) => addTab(f, { key, label: NEW_TAB, sections: [{ key: freeKey(new Set([...layoutKeys(f), key]), 'section'), label: NEW_SECTION, items: [] }] }));
          setActive(key);
        } else {
          const index = form.tabs.findIndex((tab) => tab.key === target);
          if (index >= 0) edit((f) => removeTab(f, index));
          onSelect(null);
        }
      }}
      items={form.tabs.map((tab, ti) => ({
        key: tab.key,
        closable: form.tabs.length > 1,
        label: (
          <TabLabel
            testId={`canvas-tab-${tab.key}`}
            onHover={() => setActive(tab.key)}
            onClick={() => onSelect({ kind: 'tab', tab: ti })}
            hidden={!!tab.visibleWhen}
          >
            {label(tab.label) || tab.key}
          </TabLabel>
        ),
        children: (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {tab.sections.map((section, s) => (
              <CanvasSection key={section.key} ctx={ctx} section={section} at={{ tab: ti, section: s }} />
            ))}
            <Button
              icon={<PlusOutlined />}
              type="dashed"
              block
              data-testid={`canvas-add-section-${tab.key}`}
              onClick={() => edit((f) => addSection(f, ti, { key: freeKey(layoutKeys(f), 'section'), label: NEW_SECTION, columns: 2, items: [] }))}
            >
              {t('designerForms.addSection')}
            </Button>
          </Space>
        ),
      }))}
    />
  );
}

interface SectionContext extends CanvasProps {
  drop(drag: FormDragItem, to: ItemAt): void;
}

/** A tab title that opens its tab while something is dragged over it (to move items across tabs). */
function TabLabel({ children, testId, onHover, onClick, hidden }: { children: ReactNode; testId: string; onHover(): void; onClick(): void; hidden: boolean }) {
  const [, ref] = useDrop<FormDragItem>(() => ({ accept: ACCEPTS, hover: onHover }), [onHover]);
  return (
    <span ref={(node) => void ref(node)} data-testid={testId} onClick={onClick}>
      {children} {hidden && <EyeInvisibleOutlined />}
    </span>
  );
}

function CanvasSection({ ctx, section, at }: { ctx: SectionContext; section: FormSection; at: SectionAt }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const columns = section.columns ?? 2;
  const selected = ctx.selection?.kind === 'section' && ctx.selection.at.tab === at.tab && ctx.selection.at.section === at.section;
  const problems = ctx.problemsAt(`/tabs/${at.tab}/sections/${at.section}`);
  const onlySection = ctx.form.tabs[at.tab].sections.length === 1;
  return (
    <Card
      size="small"
      data-testid={`canvas-section-${section.key}`}
      style={{ borderColor: selected ? '#1677ff' : problems.length ? '#ff4d4f' : undefined }}
      title={
        <Space onClick={() => ctx.onSelect({ kind: 'section', at })} style={{ cursor: 'pointer' }}>
          <Typography.Text strong>{label(section.label) || t('designerForms.untitledSection')}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {section.key}
          </Typography.Text>
          {section.visibleWhen && <EyeInvisibleOutlined />}
          {section.collapsed && <Tag>{t('designerForms.collapsed')}</Tag>}
        </Space>
      }
      extra={
        <Space size={4}>
          <Tooltip title={t('designerForms.columns')}>
            <Segmented
              size="small"
              data-testid={`canvas-columns-${section.key}`}
              value={columns}
              options={[1, 2, 3, 4]}
              onChange={(value) => ctx.edit((f) => updateSection(f, at, (s) => ({ ...s, columns: value as number })))}
            />
          </Tooltip>
          <Tooltip title={onlySection ? t('designerForms.lastSection') : t('designerForms.removeSection')}>
            <Button
              size="small"
              type="text"
              icon={<CloseOutlined />}
              aria-label={t('designerForms.removeSection')}
              disabled={onlySection}
              onClick={() => {
                ctx.edit((f) => removeSection(f, at));
                ctx.onSelect(null);
              }}
            />
          </Tooltip>
        </Space>
      }
    >
      {problems.length > 0 && (
        <Typography.Paragraph type="danger" style={{ fontSize: 12 }}>
          {problems.join('; ')}
        </Typography.Paragraph>
      )}
      <div style={{ display: 'grid', gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, gap: 8 }}>
        {section.items.map((item, index) => (
          <CanvasItem key={`${index}-${itemName(item)}`} ctx={ctx} item={item} at={{ ...at, index }} columns={columns} alone={section.items.length === 1} />
        ))}
        <EndZone ctx={ctx} at={{ ...at, index: section.items.length }} testId={`canvas-drop-${section.key}`} empty={section.items.length === 0} />
      </div>
    </Card>
  );
}

const itemName = (item: FormItem) => (item.kind === 'field' ? item.field : item.kind === 'relatedList' ? `${item.object}.${item.via}` : 'note');

function CanvasItem({ ctx, item, at, columns, alone }: { ctx: SectionContext; item: FormItem; at: ItemAt; columns: number; alone: boolean }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const [{ dragging }, drag] = useDrag<FormDragItem, void, { dragging: boolean }>(() => ({ type: FORM_ITEM, item: { type: FORM_ITEM, from: at }, collect: (m) => ({ dragging: m.isDragging() }) }), [at.tab, at.section, at.index]);
  const [{ over }, drop] = useDrop<FormDragItem, void, { over: boolean }>(
    () => ({ accept: ACCEPTS, drop: (d) => ctx.drop(d, at), collect: (m) => ({ over: m.isOver({ shallow: true }) }) }),
    [ctx.drop, at.tab, at.section, at.index],
  );
  const selected = ctx.selection?.kind === 'item' && ctx.selection.at.tab === at.tab && ctx.selection.at.section === at.section && ctx.selection.at.index === at.index;
  const problems = ctx.problemsAt(itemPointer(at));
  const span = Math.min(item.span ?? (item.kind === 'field' ? 1 : columns), columns);
  const field = item.kind === 'field' ? ctx.fields.find((f) => f.key === item.field) : undefined;
  const name =
    item.kind === 'field' ? (field ? fieldName(field, label, t) : item.field) : item.kind === 'note' ? label(item.text) : `${t('designerForms.relatedList')}: ${item.object}`;
  const style: CSSProperties = {
    gridColumn: `span ${span}`,
    padding: '6px 8px',
    borderRadius: 6,
    border: `1px solid ${selected ? '#1677ff' : problems.length ? '#ff4d4f' : '#d9d9d9'}`,
    borderTop: over ? '3px solid #1677ff' : undefined,
    background: item.kind === 'field' ? '#fff' : '#fafafa',
    opacity: dragging ? 0.4 : 1,
    cursor: 'grab',
  };
  return (
    <div
      ref={(node) => void drag(drop(node))}
      data-testid={`canvas-item-${itemName(item)}`}
      data-selected={selected || undefined}
      style={style}
      onClick={() => ctx.onSelect({ kind: 'item', at })}
    >
      <Space size={4} style={{ width: '100%', justifyContent: 'space-between' }}>
        <Space size={4} style={{ minWidth: 0 }}>
          <HolderOutlined />
          <Typography.Text ellipsis style={{ maxWidth: 180 }}>
            {name}
          </Typography.Text>
          {item.kind === 'field' && item.widget && <Tag>{t(`designerForms.widgets.${item.widget}`)}</Tag>}
          {item.visibleWhen && (
            <Tooltip title={t('designerForms.hasVisibility')}>
              <EyeInvisibleOutlined data-testid="item-conditional" />
            </Tooltip>
          )}
          {item.kind === 'field' && item.readOnlyWhen && <LockOutlined />}
        </Space>
        <Tooltip title={alone ? t('designerForms.lastItem') : t('designerForms.removeItem')}>
          <Button
            size="small"
            type="text"
            icon={<CloseOutlined />}
            aria-label={t('designerForms.removeItem')}
            data-testid="item-remove"
            disabled={alone}
            onClick={(e) => {
              e.stopPropagation();
              ctx.edit((f) => removeItem(f, at));
              ctx.onSelect(null);
            }}
          />
        </Tooltip>
      </Space>
      {problems.length > 0 && (
        <Typography.Text type="danger" style={{ fontSize: 12, display: 'block' }}>
          {problems.join('; ')}
        </Typography.Text>
      )}
    </div>
  );
}

/** The end of a section: a drop here appends. */
function EndZone({ ctx, at, testId, empty }: { ctx: SectionContext; at: ItemAt; testId: string; empty: boolean }) {
  const { t } = useTranslation();
  const [{ over }, drop] = useDrop<FormDragItem, void, { over: boolean }>(
    () => ({ accept: ACCEPTS, drop: (d) => ctx.drop(d, at), collect: (m) => ({ over: m.isOver() }) }),
    [ctx.drop, at.tab, at.section, at.index],
  );
  return (
    <div
      ref={(node) => void drop(node)}
      data-testid={testId}
      style={{
        gridColumn: '1 / -1',
        border: `1px dashed ${over ? '#1677ff' : '#d9d9d9'}`,
        borderRadius: 6,
        padding: empty ? 24 : 6,
        textAlign: 'center',
        color: '#999',
        background: over ? '#e6f4ff' : undefined,
        fontSize: 12,
      }}
    >
      {t('designerForms.dropHere')}
    </div>
  );
}
