import type { FormDefinition, ObjectDefinition, PipelineDefinition } from '@tessera/metadata';
import { Alert, Card, Select, Space, Typography } from 'antd';
import { Component, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../i18n/label';
import { recordTitle } from '../../records/field-display';
import { useRecord, useRecordList } from '../../records/record.queries';
import { RecordForm } from '../../records/RecordForm';

interface Props {
  object: ObjectDefinition;
  form: FormDefinition;
  pipeline?: PipelineDefinition;
  /** The values in the preview as they change: the sample the condition editors evaluate. */
  onValues(values: Record<string, unknown>): void;
}

/**
 * The draft's form rendered by the workspace's own record form (same schema, layout,
 * widgets and condition evaluation end users get), filled from a real record of the
 * object or empty. Nothing is saved: changing values only shows what the conditions do.
 */
export function FormPreview({ object, form, pipeline, onValues }: Props) {
  const { t } = useTranslation();
  const { label, language } = useLabel();
  const [sampleId, setSampleId] = useState<string>('');
  // A new object of the draft has no table yet: the list fails and only "empty" is offered.
  const records = useRecordList(object.key, { limit: 20 });
  const sample = useRecord(object.key, sampleId || undefined);
  const ready = !sampleId || sample.data !== undefined;
  // The sample the condition editors see starts as the picked record (then follows the edits).
  const picked = sampleId ? sample.data : undefined;
  useEffect(() => onValues(picked ?? {}), [picked, onValues]);
  return (
    <Card
      size="small"
      data-testid="form-preview"
      title={t('designerForms.preview')}
      extra={
        <Space>
          <Typography.Text type="secondary">{t('designerForms.sample')}</Typography.Text>
          <Select
            data-testid="preview-sample"
            style={{ minWidth: 220 }}
            value={sampleId}
            loading={records.isLoading || (!!sampleId && sample.isLoading)}
            onChange={(id: string) => setSampleId(id)}
            options={[
              { value: '', label: t('designerForms.emptySample') },
              ...(records.data?.items ?? []).map((r) => ({ value: r.id, label: recordTitle(object, r) })),
            ]}
          />
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('designerForms.previewHelp', { name: label(form.label) })}
      </Typography.Paragraph>
      {ready && (
        <PreviewBoundary form={form}>
        <RecordForm
          // A new sample (or language) starts the form over from that record.
          key={`${sampleId}-${language}`}
          object={object}
          record={sampleId ? sample.data : undefined}
          preview={{ form, pipeline, onChange: onValues }}
          onSaved={() => undefined}
          attachment={(field) => <AttachmentPlaceholder object={object} field={field} />}
          related={(item) => (
            <Card size="small" style={{ marginBottom: 16 }} title={item.related?.label ?? item.related?.object}>
              <Typography.Text type="secondary">{item.related?.columns.join(' · ')}</Typography.Text>
            </Card>
          )}
        />
        </PreviewBoundary>
      )}
    </Card>
  );
}

/** Uploads need a saved record; the preview only shows where the attachment field sits. */
function AttachmentPlaceholder({ object, field }: { object: ObjectDefinition; field: string }) {
  const { label } = useLabel();
  const { t } = useTranslation();
  const declared = object.fields.find((f) => f.key === field);
  return (
    <div style={{ marginBottom: 16 }} data-testid={`preview-attachment-${field}`}>
      <Typography.Text>{label(declared?.label) || field}</Typography.Text>
      <div style={{ border: '1px dashed #d9d9d9', borderRadius: 6, padding: 12, color: '#999', marginTop: 4 }}>{t('designerForms.attachmentPreview')}</div>
    </div>
  );
}

/**
 * The draft may hold a condition that does not parse (the expression editor shows where);
 * the preview then says so instead of taking the designer down, and retries on the next edit.
 */
class PreviewBoundary extends Component<{ form: FormDefinition; children: ReactNode }, { error?: string }> {
  override state: { error?: string } = {};

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error.message : String(error) };
  }

  override componentDidUpdate(previous: { form: FormDefinition }) {
    if (previous.form !== this.props.form && this.state.error !== undefined) this.setState({ error: undefined });
  }

  override render() {
    return this.state.error !== undefined ? <PreviewFailed message={this.state.error} /> : this.props.children;
  }
}

function PreviewFailed({ message }: { message: string }) {
  const { t } = useTranslation();
  return <Alert type="warning" data-testid="preview-failed" title={t('designerForms.previewFailed')} description={message} />;
}
