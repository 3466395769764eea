import type { Field, Label, ObjectDefinition } from '@tessera/metadata';
import { Button, Card, Col, Empty, Popconfirm, Row, Space, Switch, Typography } from 'antd';
import i18next from 'i18next';
import { DndProvider } from 'react-dnd';
import { HTML5Backend } from 'react-dnd-html5-backend';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useLabel } from '../../i18n/label';
import { useDraft } from '../draft/draft.store';
import { FieldList } from './FieldList';
import { FieldPalette } from './FieldPalette';
import { FieldProperties } from './FieldProperties';
import { newField, type FieldType } from './field.schema';
import { LabelInputs } from './LabelInputs';
import { insertItem, moveItem } from '../list.move';
import { renameField } from './object.edit';
import { ObjectList } from './ObjectList';
import { ObjectRules } from './ObjectRules';

/** `/admin/objects/:key`: the object's labels and retirement, its fields by drag and drop, the selected field's properties. */
export function ObjectDesigner() {
  const { key } = useParams();
  if (!key) return <ObjectList />;
  return (
    <DndProvider backend={HTML5Backend}>
      <ObjectEditor objectKey={key} />
    </DndProvider>
  );
}

/** The type's name in both languages: what a new field is called until the admin names it. */
const typeLabel = (type: FieldType): Label => ({
  'zh-CN': i18next.getFixedT('zh-CN')(`designer.objects.types.${type}`),
  en: i18next.getFixedT('en')(`designer.objects.types.${type}`),
});

function ObjectEditor({ objectKey }: { objectKey: string }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const draft = useDraft();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const object = draft.find('object', objectKey);
  if (!object) return <Empty description={t('designer.objects.notFound', { key: objectKey })} />;

  const objects = draft.documents.filter((d): d is ObjectDefinition => d.kind === 'object');
  const selectedKey = search.get('field') ?? undefined;
  const selectedIndex = object.fields.findIndex((f) => f.key === selectedKey);
  const select = (key: string) => setSearch({ field: key }, { replace: true });
  const change = (next: (o: ObjectDefinition) => ObjectDefinition) => draft.update('object', objectKey, next);
  const setFields = (fields: Field[]) => change((o) => ({ ...o, fields }));

  const insert = (type: FieldType, index: number) => {
    const field = newField(type, object, objects, typeLabel(type));
    setFields(insertItem(object.fields, index, field));
    select(field.key);
  };
  const fieldProblems = (index: number) =>
    draft.problemsAt('object', objectKey, `/fields/${index}`).map((p) => ({ ...p, path: p.path.slice(`/fields/${index}`.length) }));

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12} data-testid={`object-designer-${objectKey}`}>
      <Card size="small">
        <Space align="start" wrap size={24}>
          <div style={{ minWidth: 260 }}>
            <Typography.Text type="secondary">{t('designer.objects.objectLabel')}</Typography.Text>
            <LabelInputs value={object.label} onChange={(l) => l && change((o) => ({ ...o, label: l }))} testId="object-label" />
          </div>
          <div style={{ minWidth: 260 }}>
            <Typography.Text type="secondary">{t('designer.objects.pluralLabel')}</Typography.Text>
            <LabelInputs optional value={object.pluralLabel} onChange={(l) => change((o) => ({ ...o, pluralLabel: l }))} />
          </div>
          <Space orientation="vertical">
            <Typography.Text code>{object.key}</Typography.Text>
            <label style={{ display: 'inline-flex', gap: 6 }}>
              <Switch size="small" checked={object.retired === true} data-testid="object-retired" onChange={(on) => change((o) => ({ ...o, retired: on || undefined }))} />
              {t('designer.objects.retireObject')}
            </label>
            <Popconfirm
              title={t('designer.objects.removeObject')}
              description={t('designer.objects.removeObjectHint')}
              onConfirm={() => {
                draft.remove('object', objectKey);
                navigate('/admin/objects');
              }}
            >
              <Button size="small" danger>
                {t('designer.objects.remove')}
              </Button>
            </Popconfirm>
          </Space>
        </Space>
        {draft.problemsAt('object', objectKey).filter((p) => !/^\/(fields|rules|duplicateRules)\//.test(p.path)).map((p) => (
          <Typography.Paragraph key={`${p.path}:${p.message}`} type="danger" style={{ margin: '8px 0 0' }}>
            {p.path || '/'}: {p.message}
          </Typography.Paragraph>
        ))}
      </Card>
      <Row gutter={12}>
        <Col xs={24} lg={5}>
          {/* Sticky: the palette stays in view while the list below the fold is the drop target. */}
          <div style={{ position: 'sticky', top: 8 }}>
            <FieldPalette onAdd={(type) => insert(type, object.fields.length)} />
          </div>
        </Col>
        <Col xs={24} lg={10}>
          <FieldList
            object={object}
            selected={selectedKey}
            onSelect={select}
            onInsert={insert}
            onMove={(from, to) => setFields(moveItem(object.fields, from, to))}
            onRemove={(index) => setFields(object.fields.filter((_, i) => i !== index))}
            problemCount={(index) => fieldProblems(index).length}
          />
        </Col>
        <Col xs={24} lg={9}>
          {selectedIndex >= 0 ? (
            <FieldProperties
              key={object.fields[selectedIndex].key}
              object={object}
              index={selectedIndex}
              objects={objects}
              problems={fieldProblems(selectedIndex)}
              onChange={(field) => setFields(object.fields.map((f, i) => (i === selectedIndex ? field : f)))}
              onRename={(from, to) => {
                change((o) => renameField(o, from, to));
                select(to);
              }}
              onTitleField={(key) => change((o) => ({ ...o, titleField: key }))}
            />
          ) : (
            <Card size="small">
              <Empty description={t('designer.objects.selectField', { name: label(object.label) })} />
            </Card>
          )}
        </Col>
      </Row>
      <ObjectRules object={object} onChange={change} problems={(prefix) => draft.problemsAt('object', objectKey, prefix).map((p) => ({ ...p, path: p.path.slice(prefix.length) || '/' }))} />
    </Space>
  );
}
