import Form from '@rjsf/antd';
import type CoreForm from '@rjsf/core';
import type { ErrorSchema, FormValidation, RegistryFieldsType, RegistryWidgetsType, RJSFValidationError } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { compileFormState, ExpressionCache, type FormState } from '@tessera/engine';
import type { FormDefinition, ObjectDefinition, PipelineDefinition } from '@tessera/metadata';
import { Alert, App, Button, Grid, Space, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api/http';
import { ApiError } from '../api/problem';
import { useLabel } from '../i18n/label';
import { useMe, useWorkspace } from '../metadata/metadata.queries';
import type { RecordData } from './field-display';
import { FormLayoutTemplate, type LayoutContext } from './layout/FormLayoutTemplate';
import { changedValues, formSchemas, pickForm, problemsToErrorSchema, type LayoutItem } from './record-form.schema';
import { GeoPointField } from './widgets/GeoPointField';
import { RelationWidget } from './widgets/RelationWidget';
import { UserWidget } from './widgets/UserWidget';

const widgets: RegistryWidgetsType = { relation: RelationWidget, user: UserWidget };
const fields: RegistryFieldsType = { geopoint: GeoPointField };

interface Props {
  object: ObjectDefinition;
  /** The record being edited; absent when creating. */
  record?: RecordData;
  onSaved(record: RecordData): void;
  /** Draws an attachment field where the form places it. */
  attachment?(field: string, photo: boolean): ReactNode;
  /** Draws a related list where the form places it. */
  related?(item: LayoutItem): ReactNode;
  /** The designer's live preview: this (draft) form and pipeline, values reported as they change, nothing saved. */
  preview?: { form: FormDefinition; pipeline?: PipelineDefinition; onChange?(values: Record<string, unknown>): void };
}

const templates = { ObjectFieldTemplate: FormLayoutTemplate };
const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * The record form, rendered by rjsf from the server's own JSON Schema, so the browser
 * refuses what the server would before sending. Server problems land on the fields their
 * pointers name; warnings ask for confirmation and resend with the acknowledgement.
 * A form document lays it out; its conditions are evaluated by the engine on every change.
 */
export function RecordForm({ object, record, onSaved, attachment, related, preview }: Props) {
  const { t } = useTranslation();
  const { language } = useLabel();
  const { modal } = App.useApp();
  const me = useMe();
  const meta = useWorkspace();
  const access = me.data?.objects[object.key];
  const pipeline = preview ? preview.pipeline : meta.data?.pipelines.get(object.key);
  const phone = Grid.useBreakpoint().md === false;
  const form = preview ? preview.form : pickForm(meta.data?.forms ?? [], object.key, record ? 'edit' : 'create', phone);
  const conditions = useMemo(() => (form ? compileFormState(form, { object, pipeline, expressions: new ExpressionCache() }) : undefined), [form, object, pipeline]);
  const editable = useMemo(() => formSchemas(object, record ? 'update' : 'create', { hidden: access?.hidden ?? [], readOnly: [], stageField: pipeline?.stageField, language }).keys, [object, record, access, pipeline, language]);
  const initial = useMemo(() => Object.fromEntries(editable.filter((k) => record?.[k] !== undefined && record?.[k] !== null).map((k) => [k, record![k]])), [editable, record]);
  const [data, setData] = useState<Record<string, unknown>>(initial);
  const state = useFormState(conditions, record, data);
  const readOnlyKey = [...(access?.readOnly ?? []), ...(state?.readOnly ?? [])].sort().join(',');
  const { schema, uiSchema, keys, layout } = useMemo(
    () => formSchemas(object, record ? 'update' : 'create', { hidden: access?.hidden ?? [], readOnly: readOnlyKey ? readOnlyKey.split(',') : [], stageField: pipeline?.stageField, form, language }),
    [object, record, access, pipeline, form, language, readOnlyKey],
  );
  const [tab, setTab] = useState<string | undefined>();
  const formContext: LayoutContext = { layout, state, activeTab: tab, onTab: setTab, attachment, related };
  const [serverErrors, setServerErrors] = useState<ErrorSchema | undefined>();
  const [general, setGeneral] = useState<string[]>([]);
  const [duplicate, setDuplicate] = useState<{ object: string; id: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<CoreForm | null>(null);

  const save = async (values: Record<string, unknown>, acknowledge: string[] = []) => {
    setBusy(true);
    setGeneral([]);
    setDuplicate(null);
    const headers: Record<string, string> = acknowledge.length ? { 'Acknowledge-Warnings': acknowledge.join(',') } : {};
    try {
      const saved = record
        ? await api<RecordData>(`/api/objects/${object.key}/records/${record.id}`, {
            method: 'PATCH',
            body: changedValues(keys, initial, values),
            headers: { ...headers, 'If-Match': `"${record.version}"` },
          })
        : await api<RecordData>(`/api/objects/${object.key}/records`, { body: values, headers });
      setServerErrors(undefined);
      onSaved(saved);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const problem = error.problem;
      if (error.status === 409 && problem.warnings?.length) {
        modal.confirm({
          title: t('form.warningsTitle'),
          content: (
            <ul data-testid="warning-list">
              {(problem.errors ?? []).map((w) => (
                <li key={w.path + w.code}>{w.message}</li>
              ))}
            </ul>
          ),
          okText: t('form.saveAnyway'),
          cancelText: t('form.cancel'),
          onOk: () => save(values, problem.warnings),
        });
        return;
      }
      const { fields: onFields, general: rest } = problemsToErrorSchema(problem.errors ?? []);
      setServerErrors(onFields);
      setGeneral(rest.length || problem.errors?.length ? rest : [error.message]);
      if (problem.duplicate) setDuplicate(problem.duplicate);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="record-form">
      <Form
        ref={formRef}
        templates={templates}
        formContext={formContext}
        customValidate={(values: Record<string, unknown>, errors: FormValidation) => requireWhen(values, errors, state, t('recordPage.requiredWhen'))}
        schema={schema}
        uiSchema={uiSchema}
        formData={data}
        validator={validator}
        widgets={widgets}
        fields={fields}
        extraErrors={serverErrors}
        showErrorList={false}
        noHtml5Validate
        focusOnFirstError
        // The errors show on their fields (the tab of the first one is opened); errors of fields
        // the layout hides go above the buttons. Without a handler rjsf also logs them to the console.
        onError={(errors: RJSFValidationError[]) => {
          const keyOf = (e: RJSFValidationError) => (e.property ?? '').replace(/^\./, '').split('.')[0];
          const first = layout?.tabs.find((tb) => tb.sections.some((sc) => sc.items.some((i) => i.field === keyOf(errors[0] ?? {}))));
          if (first) setTab(first.key);
          const unseen = errors.filter((e) => state?.hiddenFields.has(keyOf(e)) || (layout && !layout.tabs.some((tb) => tb.sections.some((sc) => sc.items.some((i) => i.field === keyOf(e))))));
          setGeneral(unseen.map((e) => `${String(schema.properties && (schema.properties as Record<string, { title?: string }>)[keyOf(e)]?.title) || keyOf(e)}: ${e.message ?? ''}`));
        }}
        onChange={(e) => {
          const next = e.formData as Record<string, unknown>;
          // A server error goes once its field changes; rjsf also reports changes nobody typed
          // (defaults filled in when props change), which must not wipe the others.
          const changed = Object.keys({ ...data, ...next }).filter((k) => JSON.stringify(data[k] ?? null) !== JSON.stringify(next[k] ?? null));
          setData(next);
          preview?.onChange?.(next);
          if (serverErrors && changed.length > 0) {
            const rest = Object.fromEntries(Object.entries(serverErrors).filter(([k]) => !changed.includes(k)));
            setServerErrors(Object.keys(rest).length > 0 ? (rest as ErrorSchema) : undefined);
          }
        }}
        onSubmit={(e) => void save(e.formData as Record<string, unknown>)}
      />
      {general.length > 0 && <Alert type="error" role="alert" title={general.join('; ')} style={{ marginBottom: 12 }} />}
      {duplicate && (
        <Typography.Paragraph>
          <Link to={`/o/${duplicate.object}/${duplicate.id}`}>{t('form.openDuplicate')}</Link>
        </Typography.Paragraph>
      )}
      {!preview && (
        <Space>
          <Button type="primary" loading={busy} onClick={() => formRef.current?.submit()}>
            {t('form.save')}
          </Button>
        </Space>
      )}
    </div>
  );
}

/** The form's conditions on the record as edited: synchronous for declarative ones, awaited for expressions. */
function useFormState(conditions: ReturnType<typeof compileFormState> | undefined, record: RecordData | undefined, data: Record<string, unknown>): FormState | undefined {
  const values = useMemo(() => ({ ...(record ?? {}), ...data }), [record, data]);
  const now = useMemo(() => conditions?.evaluate(values), [conditions, values]);
  const [settled, setSettled] = useState<FormState | undefined>(now instanceof Promise ? undefined : now);
  useEffect(() => {
    if (!(now instanceof Promise)) return;
    let live = true;
    void now.then((s) => live && setSettled(s));
    return () => {
      live = false;
    };
  }, [now]);
  return now instanceof Promise ? settled : now;
}

/** requiredWhen: a form rule (the object's own required flags are in the schema). */
function requireWhen(values: Record<string, unknown>, errors: FormValidation, state: FormState | undefined, message: string): FormValidation {
  for (const key of state?.required ?? []) {
    if (!isEmpty(values[key])) continue;
    // rjsf builds a handler only for keys present in the data; an empty field may be absent.
    const handlers = errors as unknown as Record<string, { __errors: string[]; addError(m: string): void } | undefined>;
    const node = (handlers[key] ??= { __errors: [], addError(m: string) { this.__errors.push(m); } });
    node.addError(message);
  }
  return errors;
}
