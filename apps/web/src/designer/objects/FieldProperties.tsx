import type { AttachmentCategory, Field, ObjectDefinition, SelectOption } from '@tessera/metadata';
import { Alert, Card, Checkbox, Form, Select, Space, Switch, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftProblem } from '../draft/draft.contract';
import { useLabel } from '../../i18n/label';
import { CategoriesEditor } from './CategoriesEditor';
import { CommitInput } from './CommitInput';
import { CommitNumber } from './CommitNumber';
import { FormulaInput } from './FormulaInput';
import { keyProblem } from './field-key';
import { typeProperties, type PropertySchema } from './field.schema';
import { LabelInputs } from './LabelInputs';
import { OptionsEditor, stripUndefined } from './OptionsEditor';

type Loose = Record<string, unknown>;

interface Props {
  object: ObjectDefinition;
  index: number;
  objects: ObjectDefinition[];
  /** Problems of this field from the draft's validation, pointers relative to the field. */
  problems: DraftProblem[];
  onChange(next: Field): void;
  onRename(from: string, to: string): void;
  onTitleField(key: string): void;
}

const FLAGS = ['required', 'unique', 'indexed', 'searchable', 'readOnly', 'retired'] as const;
const NUMERIC = ['number', 'currency', 'percent'];
const TEXTUAL = ['text', 'longtext', 'email', 'phone'];

/** Everything about the selected field: base properties, then those of its type as the object schema lists them. */
export function FieldProperties({ object, index, objects, problems, onChange, onRename, onTitleField }: Props) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const field = object.fields[index];
  const loose = field as unknown as Loose;
  const set = (patch: Loose) => onChange(stripUndefined({ ...loose, ...patch }) as unknown as Field);
  const at = (prop: string) => problems.filter((p) => p.path === `/${prop}` || p.path.startsWith(`/${prop}/`));
  const item = (prop: string, control: ReactNode, schema?: PropertySchema) => {
    const found = at(prop);
    return (
      <Form.Item
        key={prop}
        label={
          <Tooltip title={schema?.description}>
            <span>{t(`designer.objects.props.${prop}`, { defaultValue: prop })}</span>
          </Tooltip>
        }
        validateStatus={found.length > 0 ? 'error' : undefined}
        help={found.length > 0 ? <span data-testid={`problem-${prop}`}>{found.map((p) => p.message).join('; ')}</span> : undefined}
        style={{ marginBottom: 12 }}
      >
        {control}
      </Form.Item>
    );
  };
  const own = typeProperties(field.type);
  const otherKeys = object.fields.filter((_, i) => i !== index).map((f) => f.key);
  const unplaced = problems.filter((p) => p.path === '' || !['label', 'description', 'key', ...FLAGS, 'default', ...Object.keys(own.properties)].some((prop) => at(prop).includes(p)));

  return (
    <Card
      size="small"
      data-testid="field-properties"
      title={
        <Space>
          {label(field.label) || field.key}
          <Tag color="blue">{t(`designer.objects.types.${field.type}`)}</Tag>
        </Space>
      }
    >
      {unplaced.length > 0 && (
        <Alert type="error" style={{ marginBottom: 12 }} data-testid="field-problems" title={unplaced.map((p) => `${p.path || '/'}: ${p.message}`).join('\n')} />
      )}
      <Form layout="vertical" component="div">
        {item('label', <LabelInputs value={field.label} onChange={(l) => l && set({ label: l })} testId="field-label" />)}
        {item(
          'key',
          <CommitInput
            value={field.key}
            data-testid="field-key"
            aria-label={t('designer.objects.props.key')}
            check={(key) => {
              const problem = keyProblem(key, otherKeys, { field: true });
              return problem && t(`designer.objects.keyProblems.${problem}`);
            }}
            onCommit={(key) => onRename(field.key, key)}
          />,
        )}
        <Checkbox checked={object.titleField === field.key} onChange={(e) => e.target.checked && onTitleField(field.key)} style={{ marginBottom: 12 }}>
          {t('designer.objects.titleField')}
        </Checkbox>
        <Space wrap size={16} style={{ marginBottom: 12 }}>
          {FLAGS.map((flag) => (
            <label key={flag} style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
              <Switch size="small" checked={loose[flag] === true} data-testid={`prop-${flag}`} onChange={(on) => set({ [flag]: on || undefined })} />
              {t(`designer.objects.props.${flag}`)}
            </label>
          ))}
        </Space>
        {FLAGS.some((flag) => at(flag).length > 0) && <Alert type="error" title={FLAGS.flatMap((flag) => at(flag).map((p) => p.message)).join('; ')} style={{ marginBottom: 12 }} />}
        {item('description', <LabelInputs optional value={field.description} onChange={(d) => set({ description: d })} />)}
        {defaultEditor(field, (value) => set({ default: value }), t) && item('default', defaultEditor(field, (value) => set({ default: value }), t))}
        {Object.entries(own.properties).map(([prop, schema]) => {
          const control = propertyEditor(prop, schema, loose, set, { object, objects, field, t, label });
          return control && item(prop, control, schema);
        })}
      </Form>
    </Card>
  );
}

type T = ReturnType<typeof useTranslation>['t'];

/** The editor of a field's default value, for the types where one makes sense. */
function defaultEditor(field: Field, set: (value: unknown) => void, t: T): ReactNode | undefined {
  const value = (field as unknown as Loose).default;
  if (TEXTUAL.includes(field.type) || field.type === 'date') {
    return <CommitInput value={typeof value === 'string' ? value : ''} aria-label={t('designer.objects.props.default')} onCommit={(v) => set(v === '' ? undefined : v)} placeholder={field.type === 'date' ? 'YYYY-MM-DD' : undefined} />;
  }
  if (NUMERIC.includes(field.type)) return <CommitNumber value={typeof value === 'number' ? value : undefined} onCommit={set} aria-label={t('designer.objects.props.default')} />;
  if (field.type === 'boolean') {
    return (
      <Select
        allowClear
        value={typeof value === 'boolean' ? String(value) : undefined}
        options={[{ value: 'true', label: t('designer.objects.yes') }, { value: 'false', label: t('designer.objects.no') }]}
        onChange={(v?: string) => set(v === undefined ? undefined : v === 'true')}
      />
    );
  }
  if (field.type === 'select' || field.type === 'multiselect') {
    return (
      <Select
        allowClear
        mode={field.type === 'multiselect' ? 'multiple' : undefined}
        value={value as string | string[] | undefined}
        options={field.options.filter((o) => !o.retired).map((o) => ({ value: o.value, label: o.label['zh-CN'] }))}
        onChange={(v?: string | string[]) => set(v === undefined || (Array.isArray(v) && v.length === 0) ? undefined : v)}
      />
    );
  }
  return undefined;
}

interface Context {
  object: ObjectDefinition;
  objects: ObjectDefinition[];
  field: Field;
  t: T;
  label: (l: ObjectDefinition['label'] | undefined) => string;
}

/** The editor of one type-specific property, chosen by name where it needs the other documents, else by its schema. */
function propertyEditor(prop: string, schema: PropertySchema, loose: Loose, set: (patch: Loose) => void, ctx: Context): ReactNode | undefined {
  const { object, objects, field, t, label } = ctx;
  const value = loose[prop];
  const objectOptions = (list: ObjectDefinition[]) => list.map((o) => ({ value: o.key, label: `${label(o.label)} (${o.key})` }));
  if (prop === 'options') return <OptionsEditor value={(value as SelectOption[]) ?? []} onChange={(options) => set({ options })} />;
  if (prop === 'categories') return <CategoriesEditor value={(value as AttachmentCategory[]) ?? []} onChange={(categories) => set({ categories })} />;
  if (prop === 'target') return <Select showSearch data-testid="prop-target" value={value as string} options={objectOptions(objects.filter((o) => !o.retired))} onChange={(target: string) => set({ target })} />;
  if (prop === 'expression' && field.type === 'formula') {
    return (
      <FormulaInput
        value={(value as string) ?? ''}
        onCommit={(expression) => set({ expression })}
        fields={object.fields.filter((f) => f.key !== field.key).map((f) => ({ key: f.key, label: label(f.label) }))}
      />
    );
  }
  if (field.type === 'rollup') {
    const children = objects.filter((o) => o.fields.some((f) => f.type === 'relation' && f.target === object.key));
    const child = objects.find((o) => o.key === loose.object);
    if (prop === 'object') return <Select value={value as string} options={objectOptions(children)} onChange={(key: string) => set({ object: key, via: children.find((o) => o.key === key)?.fields.find((f) => f.type === 'relation' && f.target === object.key)?.key, field: undefined })} />;
    if (prop === 'via') {
      const vias = child?.fields.filter((f) => f.type === 'relation' && f.target === object.key) ?? [];
      return <Select value={(value as string) || undefined} options={vias.map((f) => ({ value: f.key, label: `${label(f.label)} (${f.key})` }))} onChange={(via: string) => set({ via })} />;
    }
    if (prop === 'field') {
      const summable = child?.fields.filter((f) => [...NUMERIC, 'date', 'datetime'].includes(f.type)) ?? [];
      return <Select allowClear value={value as string | undefined} options={summable.map((f) => ({ value: f.key, label: `${label(f.label)} (${f.key})` }))} onChange={(key?: string) => set({ field: key })} />;
    }
    if (prop === 'where') return value === undefined ? undefined : <Typography.Text code>{JSON.stringify(value)}</Typography.Text>;
  }
  if (prop === 'accept') {
    return <Select mode="tags" value={(value as string[]) ?? []} tokenSeparators={[',', ' ']} onChange={(accept: string[]) => set({ accept: accept.length > 0 ? accept : undefined })} placeholder="application/pdf, image/*" />;
  }
  if (schema.enum) {
    return <Select allowClear={!typeProperties(field.type).required.includes(prop)} value={value as string | undefined} options={schema.enum.map((v) => ({ value: v, label: t(`designer.objects.enum.${v}`, { defaultValue: v }) }))} onChange={(v?: string) => set({ [prop]: v })} />;
  }
  if (schema.type === 'integer' || schema.type === 'number') {
    return (
      <CommitNumber
        value={value as number | undefined}
        integer={schema.type === 'integer'}
        min={schema.minimum}
        max={schema.maximum}
        aria-label={prop}
        data-testid={`prop-${prop}`}
        onCommit={(v) => set({ [prop]: v })}
      />
    );
  }
  if (schema.type === 'string') {
    return (
      <CommitInput
        value={(value as string) ?? ''}
        aria-label={prop}
        data-testid={`prop-${prop}`}
        check={prop === 'pattern' && field.type === 'text' ? (v) => (isRegExp(v) ? undefined : t('designer.objects.badPattern')) : undefined}
        onCommit={(v) => set({ [prop]: v === '' ? undefined : v })}
      />
    );
  }
  if (schema.type === 'boolean') return <Switch checked={value === true} onChange={(on) => set({ [prop]: on || undefined })} />;
  return undefined;
}

function isRegExp(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}
