import type { FieldItem, FormDefinition, NoteItem, RelatedListItem } from '@tessera/metadata';
import { Card, Empty, Form, InputNumber, Segmented, Select, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../i18n/label';
import { useDraft } from '../draft/draft.store';
import { ConditionField } from './ConditionField';
import { CONDITION_MESSAGE } from './form-condition';
import type { PlaceableField } from './form-fields';
import { cleanFieldItem, itemAt, updateItem, updateSection, updateTab, type ItemAt } from './form-layout.ops';
import type { Selection } from './FormCanvas';
import { fieldName } from './FieldPalette';
import { LabelInput } from './LabelInput';

interface Props {
  form: FormDefinition;
  selection: Selection;
  fields: PlaceableField[];
  edit(change: (form: FormDefinition) => FormDefinition): void;
  /** The preview's current values: what conditions are evaluated against in the editor. */
  sample?: Record<string, unknown>;
}

const ALWAYS = { kind: 'expression' as const, expression: 'true', message: CONDITION_MESSAGE };

/** The selected item, section or tab: widget, span, help, read-only and visibility. */
export function PropertiesPanel({ form, selection, fields, edit, sample }: Props) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const names = fields.map((f) => ({ key: f.key, label: fieldName(f, label, t) }));

  let body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('designerForms.selectSomething')} />;
  if (selection?.kind === 'item') {
    const item = itemAt(form, selection.at);
    if (item?.kind === 'field') body = <FieldProperties item={item} at={selection.at} form={form} fields={fields} names={names} edit={edit} sample={sample} />;
    else if (item?.kind === 'note') body = <NoteProperties item={item} at={selection.at} edit={edit} names={names} sample={sample} />;
    else if (item?.kind === 'relatedList') body = <RelatedListProperties item={item} at={selection.at} edit={edit} />;
  } else if (selection?.kind === 'section') {
    const at = selection.at;
    const section = form.tabs[at.tab]?.sections[at.section];
    if (section) {
      body = (
        <Form layout="vertical" size="small" key={`s-${at.tab}-${at.section}`}>
          <Form.Item label={t('designerForms.sectionTitle')}>
            <LabelInput testId="section-label" value={section.label} onChange={(l) => edit((f) => updateSection(f, at, ({ label: _old, ...s }) => ({ ...s, ...(l && { label: l }) })))} />
          </Form.Item>
          <Form.Item label={t('designerForms.collapsed')}>
            <Switch checked={section.collapsed ?? false} onChange={(collapsed) => edit((f) => updateSection(f, at, (s) => ({ ...s, collapsed })))} />
          </Form.Item>
          <Form.Item label={t('designerForms.visibleWhen')} extra={t('designerForms.visibleWhenHelp')}>
            <ConditionField
              testId="section-visible-when"
              condition={section.visibleWhen}
              fields={names}
              sample={sample}
              onChange={(c) => edit((f) => updateSection(f, at, ({ visibleWhen: _old, ...s }) => ({ ...s, ...(c && { visibleWhen: c }) })))}
            />
          </Form.Item>
        </Form>
      );
    }
  } else if (selection?.kind === 'tab') {
    const index = selection.tab;
    const tab = form.tabs[index];
    if (tab) {
      body = (
        <Form layout="vertical" size="small" key={`t-${index}`}>
          <Form.Item label={t('designerForms.tabTitle')}>
            <LabelInput testId="tab-label" value={tab.label} onChange={(l) => l && edit((f) => updateTab(f, index, (tb) => ({ ...tb, label: l })))} />
          </Form.Item>
          <Form.Item label={t('designerForms.visibleWhen')} extra={t('designerForms.visibleWhenHelp')}>
            <ConditionField
              testId="tab-visible-when"
              condition={tab.visibleWhen}
              fields={names}
              sample={sample}
              onChange={(c) => edit((f) => updateTab(f, index, ({ visibleWhen: _old, ...tb }) => ({ ...tb, ...(c && { visibleWhen: c }) })))}
            />
          </Form.Item>
        </Form>
      );
    }
  }
  return (
    <Card size="small" title={t('designerForms.properties')} data-testid="form-properties">
      {body}
    </Card>
  );
}

type Names = Array<{ key: string; label: string }>;

function FieldProperties({ item, at, form, fields, names, edit, sample }: { item: FieldItem; at: ItemAt; form: FormDefinition; fields: PlaceableField[]; names: Names; edit: Props['edit']; sample?: Record<string, unknown> }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const field = fields.find((f) => f.key === item.field);
  const columns = form.tabs[at.tab]?.sections[at.section]?.columns ?? 2;
  // Every change rewrites the item without its emptied properties.
  const set = (change: (item: FieldItem) => FieldItem) => edit((f) => updateItem(f, at, (i) => (i.kind === 'field' ? cleanFieldItem(change(i)) : i)));
  const stored = !item.readOnlyWhen ? 'never' : item.readOnlyWhen.kind === 'expression' && item.readOnlyWhen.expression.trim() === 'true' ? 'always' : 'when';
  // "When…" is chosen before its condition is written: nothing reaches the draft until then.
  const [choosing, setChoosing] = useState(false);
  const readOnly = choosing && stored === 'never' ? 'when' : stored;
  return (
    <Form layout="vertical" size="small" key={`i-${at.tab}-${at.section}-${at.index}-${item.field}`}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {field ? fieldName(field, label, t) : item.field} <Typography.Text type="secondary">{item.field}</Typography.Text>
      </Typography.Title>
      <Form.Item label={t('designerForms.widget')}>
        <Select
          data-testid="item-widget"
          allowClear
          placeholder={t('designerForms.defaultWidget')}
          value={item.widget}
          options={(field?.widgets ?? []).map((w) => ({ value: w, label: t(`designerForms.widgets.${w}`) }))}
          onChange={(widget) => set((i) => ({ ...i, widget }))}
        />
      </Form.Item>
      <Form.Item label={t('designerForms.span')}>
        <InputNumber data-testid="item-span" min={1} max={columns} value={item.span ?? 1} onChange={(span) => set((i) => ({ ...i, span: span && span > 1 ? span : undefined }))} />
      </Form.Item>
      <Form.Item label={t('designerForms.help')}>
        <LabelInput testId="item-help" multiline value={item.help} onChange={(help) => set((i) => ({ ...i, help }))} />
      </Form.Item>
      <Form.Item label={t('designerForms.placeholder')}>
        <LabelInput testId="item-placeholder" value={item.placeholder} onChange={(placeholder) => set((i) => ({ ...i, placeholder }))} />
      </Form.Item>
      <Form.Item label={t('designerForms.readOnly')}>
        <Segmented
          data-testid="item-readonly"
          value={readOnly}
          options={[
            { value: 'never', label: t('designerForms.readOnlyNever') },
            { value: 'always', label: t('designerForms.readOnlyAlways') },
            { value: 'when', label: t('designerForms.readOnlyWhen') },
          ]}
          onChange={(mode) => {
            setChoosing(mode === 'when');
            if (mode === 'never') set((i) => ({ ...i, readOnlyWhen: undefined }));
            else if (mode === 'always') set((i) => ({ ...i, readOnlyWhen: ALWAYS }));
            else if (stored === 'always') set((i) => ({ ...i, readOnlyWhen: undefined }));
          }}
        />
        {readOnly === 'when' && (
          <div style={{ marginTop: 8 }}>
            <ConditionField testId="item-readonly-when" condition={item.readOnlyWhen} fields={names} sample={sample} onChange={(readOnlyWhen) => set((i) => ({ ...i, readOnlyWhen }))} />
          </div>
        )}
      </Form.Item>
      <Form.Item label={t('designerForms.visibleWhen')} extra={t('designerForms.visibleWhenHelp')}>
        <ConditionField testId="item-visible-when" condition={item.visibleWhen} fields={names} sample={sample} placeholder="amount > 100000" onChange={(visibleWhen) => set((i) => ({ ...i, visibleWhen }))} />
      </Form.Item>
      <Form.Item label={t('designerForms.requiredWhen')}>
        <ConditionField testId="item-required-when" condition={item.requiredWhen} fields={names} sample={sample} onChange={(requiredWhen) => set((i) => ({ ...i, requiredWhen }))} />
      </Form.Item>
    </Form>
  );
}

function NoteProperties({ item, at, edit, names, sample }: { item: NoteItem; at: ItemAt; edit: Props['edit']; names: Names; sample?: Record<string, unknown> }) {
  const { t } = useTranslation();
  const set = (change: (item: NoteItem) => NoteItem) => edit((f) => updateItem(f, at, (i) => (i.kind === 'note' ? change(i) : i)));
  return (
    <Form layout="vertical" size="small" key={`n-${at.tab}-${at.section}-${at.index}`}>
      <Form.Item label={t('designerForms.noteText')}>
        <LabelInput testId="note-text" multiline value={item.text} onChange={(text) => text && set((i) => ({ ...i, text }))} />
      </Form.Item>
      <Form.Item label={t('designerForms.tone')}>
        <Segmented
          value={item.tone ?? 'info'}
          options={[
            { value: 'info', label: t('designerForms.toneInfo') },
            { value: 'warning', label: t('designerForms.toneWarning') },
          ]}
          onChange={(tone) => set((i) => ({ ...i, tone: tone as NoteItem['tone'] }))}
        />
      </Form.Item>
      <Form.Item label={t('designerForms.visibleWhen')}>
        <ConditionField testId="note-visible-when" condition={item.visibleWhen} fields={names} sample={sample} onChange={(visibleWhen) => set(({ visibleWhen: _old, ...i }) => ({ ...i, ...(visibleWhen && { visibleWhen }) }))} />
      </Form.Item>
    </Form>
  );
}

/** A related list: its title, the related object's fields shown as columns, and whether rows are edited inline. */
function RelatedListProperties({ item, at, edit }: { item: RelatedListItem; at: ItemAt; edit: Props['edit'] }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const related = useDraft().find('object', item.object);
  const set = (change: (item: RelatedListItem) => RelatedListItem) => edit((f) => updateItem(f, at, (i) => (i.kind === 'relatedList' ? change(i) : i)));
  const columns = (related?.fields ?? []).filter((f) => !f.retired && f.key !== item.via).map((f) => ({ value: f.key, label: label(f.label) || f.key }));
  return (
    <Form layout="vertical" size="small" key={`r-${at.tab}-${at.section}-${at.index}`}>
      <Typography.Paragraph type="secondary">{t('designerForms.relatedListHelp')}</Typography.Paragraph>
      <Form.Item label={t('designerForms.relatedObject')}>
        <Typography.Text>{related ? label(related.pluralLabel ?? related.label) : item.object}</Typography.Text> <Typography.Text type="secondary">{`${item.object}.${item.via}`}</Typography.Text>
      </Form.Item>
      <Form.Item label={t('designerForms.relatedTitle')}>
        <LabelInput testId="related-label" value={item.label} onChange={(l) => set(({ label: _old, ...i }) => ({ ...i, ...(l && { label: l }) }))} />
      </Form.Item>
      <Form.Item label={t('designerForms.relatedColumns')}>
        <Select mode="multiple" data-testid="related-columns" value={item.columns} options={columns} onChange={(next: string[]) => next.length > 0 && set((i) => ({ ...i, columns: next }))} />
      </Form.Item>
      <Form.Item label={t('designerForms.relatedEditable')}>
        <Switch data-testid="related-editable" checked={item.editable ?? false} onChange={(editable) => set((i) => ({ ...i, editable }))} />
      </Form.Item>
    </Form>
  );
}
