import Form from '@rjsf/antd';
import type CoreForm from '@rjsf/core';
import type { ErrorSchema, RegistryFieldsType, RegistryWidgetsType } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import type { ObjectDefinition } from '@tessera/metadata';
import { Alert, App, Button, Space, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api/http';
import { ApiError } from '../api/problem';
import { useLabel } from '../i18n/label';
import { useMe, useWorkspace } from '../metadata/metadata.queries';
import type { RecordData } from './field-display';
import { changedValues, formSchemas, problemsToErrorSchema } from './record-form.schema';
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
}

/**
 * The record form, rendered by rjsf from the server's own JSON Schema, so the browser
 * refuses what the server would before sending. Server problems land on the fields their
 * pointers name; warnings ask for confirmation and resend with the acknowledgement.
 */
export function RecordForm({ object, record, onSaved }: Props) {
  const { t } = useTranslation();
  const { language } = useLabel();
  const { modal } = App.useApp();
  const me = useMe();
  const meta = useWorkspace();
  const access = me.data?.objects[object.key];
  const pipeline = meta.data?.pipelines.get(object.key);
  const form = meta.data?.forms.find((f) => f.object === object.key && f.purposes?.includes(record ? 'edit' : 'create'));
  const { schema, uiSchema, keys } = useMemo(
    () => formSchemas(object, record ? 'update' : 'create', { hidden: access?.hidden ?? [], readOnly: access?.readOnly ?? [], stageField: pipeline?.stageField, form, language }),
    [object, record, access, pipeline, form, language],
  );
  const initial = useMemo(() => Object.fromEntries(keys.filter((k) => record?.[k] !== undefined && record?.[k] !== null).map((k) => [k, record![k]])), [keys, record]);
  const [data, setData] = useState<Record<string, unknown>>(initial);
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
        // The errors show on their fields; without a handler rjsf also logs them to the console.
        onError={() => setGeneral([])}
        onChange={(e) => {
          setData(e.formData as Record<string, unknown>);
          if (serverErrors) setServerErrors(undefined);
        }}
        onSubmit={(e) => void save(e.formData as Record<string, unknown>)}
      />
      {general.length > 0 && <Alert type="error" role="alert" title={general.join('; ')} style={{ marginBottom: 12 }} />}
      {duplicate && (
        <Typography.Paragraph>
          <Link to={`/o/${duplicate.object}/${duplicate.id}`}>{t('form.openDuplicate')}</Link>
        </Typography.Paragraph>
      )}
      <Space>
        <Button type="primary" loading={busy} onClick={() => formRef.current?.submit()}>
          {t('form.save')}
        </Button>
      </Space>
    </div>
  );
}
