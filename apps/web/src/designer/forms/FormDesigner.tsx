import type { FormDefinition, ObjectDefinition, PipelineDefinition } from '@tessera/metadata';
import { Alert, Checkbox, Empty, Form, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { DndProvider } from 'react-dnd';
import { HTML5Backend } from 'react-dnd-html5-backend';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useLabel } from '../../i18n/label';
import { documentPath } from '../designer.paths';
import { useDraft } from '../draft/draft.store';
import { FieldPalette } from './FieldPalette';
import { paletteBlocks, placeableFields } from './form-fields';
import { placedFields } from './form-layout.ops';
import { FormCanvas, type Selection } from './FormCanvas';
import { FormPreview } from './FormPreview';
import { LabelInput } from './LabelInput';
import { NewFormButton } from './NewFormButton';
import { PropertiesPanel } from './PropertiesPanel';

const PURPOSES = ['create', 'edit', 'view', 'mobile'] as const;

/** `/admin/forms`: the draft's forms; `/admin/forms/:key`: one form on the canvas with its live preview. */
export function FormDesigner() {
  const { key } = useParams();
  return key ? <FormEditor formKey={key} /> : <FormList />;
}

function FormList() {
  const { t } = useTranslation();
  const { label } = useLabel();
  const draft = useDraft();
  const forms = draft.documents.filter((d): d is FormDefinition => d.kind === 'form');
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('designerForms.title')}
        </Typography.Title>
        <NewFormButton />
      </Space>
      <Table
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={forms}
        data-testid="form-list"
        columns={[
          { title: t('designerForms.form'), key: 'label', render: (_: unknown, f: FormDefinition) => <Link to={documentPath('form', f.key)}>{label(f.label) || f.key}</Link> },
          { title: t('designerForms.key'), dataIndex: 'key' },
          { title: t('designerForms.object'), key: 'object', render: (_: unknown, f: FormDefinition) => label(draft.find('object', f.object)?.label) || f.object },
          { title: t('designerForms.purposes'), key: 'purposes', render: (_: unknown, f: FormDefinition) => (f.purposes ?? []).map((p) => <Tag key={p}>{t(`designerForms.purpose.${p}`)}</Tag>) },
        ]}
      />
    </Space>
  );
}

function FormEditor({ formKey }: { formKey: string }) {
  const { t } = useTranslation();
  const draft = useDraft();
  const form = draft.find('form', formKey);
  const object = form ? draft.find('object', form.object) : undefined;
  if (!form) return <Empty description={t('designerForms.notFound', { key: formKey })} />;
  if (!object) return <Alert type="error" title={t('designerForms.noObject', { object: form.object })} />;
  const pipeline = draft.documents.find((d): d is PipelineDefinition => d.kind === 'pipeline' && d.object === object.key);
  return (
    <DndProvider backend={HTML5Backend}>
      <Editor key={formKey} form={form} object={object} pipeline={pipeline} />
    </DndProvider>
  );
}

function Editor({ form, object, pipeline }: { form: FormDefinition; object: ObjectDefinition; pipeline?: PipelineDefinition }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const draft = useDraft();
  const [selection, setSelection] = useState<Selection>(null);
  const [sample, setSample] = useState<Record<string, unknown>>({});
  const fields = useMemo(() => placeableFields(draft.documents, object), [draft.documents, object]);
  const placed = useMemo(() => placedFields(form), [form]);
  const blocks = useMemo(() => paletteBlocks(draft.documents, object), [draft.documents, object]);
  const edit = (change: (f: FormDefinition) => FormDefinition) => draft.update('form', form.key, change);
  const problemsAt = (pointer: string) => draft.problemsAt('form', form.key, pointer).map((p) => p.message);
  const formProblems = draft.problemsAt('form', form.key).filter((p) => !p.path.startsWith('/tabs/'));

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle" data-testid="form-designer">
      <Form layout="inline" size="small">
        <Form.Item label={t('designerForms.form')}>
          <Typography.Text strong>{label(form.label) || form.key}</Typography.Text> <Typography.Text type="secondary">{form.key}</Typography.Text>
        </Form.Item>
        <Form.Item label={t('designerForms.object')}>
          <Tag>{label(object.label) || object.key}</Tag>
        </Form.Item>
        <Form.Item label={t('designerForms.purposes')}>
          <Checkbox.Group
            data-testid="form-purposes"
            value={form.purposes ?? []}
            options={PURPOSES.map((p) => ({ value: p, label: t(`designerForms.purpose.${p}`) }))}
            onChange={(values) => edit(({ purposes: _old, ...f }) => ({ ...f, ...(values.length > 0 && { purposes: PURPOSES.filter((p) => values.includes(p)) }) }))}
          />
        </Form.Item>
        <Form.Item label={t('designerForms.formLabel')} style={{ minWidth: 260 }}>
          <LabelInput testId="form-label" value={form.label} onChange={(l) => l && edit((f) => ({ ...f, label: l }))} />
        </Form.Item>
      </Form>
      {formProblems.length > 0 && <Alert type="error" data-testid="form-problems" title={formProblems.map((p) => `${p.path || '/'}: ${p.message}`).join('; ')} />}
      <FieldPalette fields={fields} placed={placed} blocks={blocks} />
      <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start' }}>
        <div style={{ flex: 1, minWidth: 0 }}>
          <FormCanvas form={form} fields={fields} selection={selection} onSelect={setSelection} edit={edit} problemsAt={problemsAt} />
        </div>
        <div style={{ flex: '0 0 340px', position: 'sticky', top: 12 }}>
          <PropertiesPanel form={form} selection={selection} fields={fields} edit={edit} sample={sample} />
        </div>
      </div>
      <FormPreview object={object} form={form} pipeline={pipeline} onValues={setSample} />
    </Space>
  );
}
