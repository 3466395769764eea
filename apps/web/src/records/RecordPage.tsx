import { ArrowLeftOutlined } from '@ant-design/icons';
import type { AttachmentField } from '@tessera/metadata';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Grid, Row, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { problemLines } from '../api/problem';
import { RecordApprovals } from '../approvals/RecordApprovals';
import { useLabel } from '../i18n/label';
import { useMe, useWorkspace } from '../metadata/metadata.queries';
import type { FixTarget } from '../pipelines/BlockedMoveAlert';
import { StagePath } from '../pipelines/StagePath';
import { AttachmentsPanel, type UploadFocus } from './AttachmentsPanel';
import { displayValue, recordTitle } from './field-display';
import { RelatedList } from './layout/RelatedList';
import { RecordForm } from './RecordForm';
import { pickForm } from './record-form.schema';
import { useRecord } from './record.queries';
import { RecordTimeline } from './timeline/RecordTimeline';

const COMPUTED = new Set(['autonumber', 'formula', 'rollup']);

/**
 * A record: path bar, the generated form (laid out by its form document, with the
 * attachment fields and related lists it places), computed values, the other
 * attachments, approvals and the timeline. `/o/:object/new` creates one.
 */
export function RecordPage() {
  const { object: objectKey = '', id } = useParams();
  const creating = id === 'new';
  const { t } = useTranslation();
  const { label, language } = useLabel();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const meta = useWorkspace();
  const me = useMe();
  const object = meta.data?.objects.get(objectKey);
  const access = me.data?.objects[objectKey];
  const relations = object?.fields.filter((f) => f.type === 'relation').map((f) => f.key) ?? [];
  const record = useRecord(objectKey, creating ? undefined : id, relations);
  const [focus, setFocus] = useState<UploadFocus | undefined>();
  const phone = Grid.useBreakpoint().md === false;

  if (!object || !access) return null;
  if (record.error) return <Alert type="error" title={problemLines(record.error).join('; ')} />;
  if (!creating && !record.data) return <Spin />;

  const pipeline = meta.data!.pipelines.get(objectKey);
  const canUpdate = access.actions.includes('update');
  const visible = object.fields.filter((f) => !f.retired && !access.hidden.includes(f.key));
  const computed = visible.filter((f) => COMPUTED.has(f.type) || f.readOnly);
  const attachments = visible.filter((f): f is AttachmentField => f.type === 'attachment');
  const flows = meta.data!.flows.filter((f) => f.object === objectKey);
  const form = pickForm(meta.data!.forms, objectKey, creating ? 'create' : 'edit', phone);
  const placed = new Set(form?.tabs.flatMap((tb) => tb.sections.flatMap((sc) => sc.items.flatMap((i) => (i.kind === 'field' ? [i.field] : [])))) ?? []);
  const panel = (f: AttachmentField, photo = false) => <AttachmentsPanel key={f.key} object={objectKey} recordId={id!} field={f} canUpload={canUpdate && !access.readOnly.includes(f.key)} focus={focus} photo={photo} />;

  const onFix = (fix: FixTarget) => {
    const field = object.fields.find((f) => f.key === fix.field);
    if (field?.type === 'attachment' || fix.category) {
      const target = field?.type === 'attachment' ? field.key : attachments.find((a) => a.categories?.some((c) => c.key === fix.category))?.key;
      if (target) setFocus({ field: target, category: fix.category, at: Date.now() });
    } else if (field) {
      const input = document.getElementById(`root_${field.key}`);
      input?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      input?.focus();
    }
  };

  const title = creating ? t('record.new', { object: label(object.label) }) : recordTitle(object, record.data);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('record.back')} onClick={() => navigate(`/o/${objectKey}`)} />
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="record-title">
          {title}
        </Typography.Title>
      </Space>
      {!creating && pipeline && <StagePath object={object} pipeline={pipeline} recordId={id!} onFix={onFix} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card size="small">
            <RecordForm
              key={`${record.data?.version ?? 'new'}-${language}`}
              object={object}
              record={creating ? undefined : record.data}
              attachment={(key, photo) => {
                const f = attachments.find((a) => a.key === key);
                if (!f) return null;
                return creating ? <Alert type="info" style={{ marginBottom: 16 }} title={t('recordPage.uploadAfterSave', { field: label(f.label) })} /> : panel(f, photo);
              }}
              related={(item) => (creating ? null : <RelatedList item={item} recordId={id!} />)}
              onSaved={(saved) => {
                message.success(t('form.saved'));
                client.setQueryData(['record', objectKey, saved.id], saved);
                void client.invalidateQueries({ queryKey: ['records', objectKey] });
                void client.invalidateQueries({ queryKey: ['record', objectKey, saved.id] });
                void client.invalidateQueries({ queryKey: ['approvals', objectKey, saved.id] });
                if (creating) navigate(`/o/${objectKey}/${saved.id}`, { replace: true });
              }}
            />
          </Card>
        </Col>
        {!creating && (
          <Col xs={24} lg={8}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              {computed.length > 0 && (
                <Card size="small">
                  <Descriptions size="small" column={1} items={computed.map((f) => ({ key: f.key, label: label(f.label), children: displayValue(f, record.data![f.key], language, record.data, meta.data!.objects) }))} />
                </Card>
              )}
              {attachments.filter((f) => !placed.has(f.key)).map((f) => panel(f))}
              {flows.length > 0 && <RecordApprovals object={objectKey} recordId={id!} flows={flows} />}
              <RecordTimeline object={object} recordId={id!} pipeline={pipeline} withApprovals={flows.length > 0} hidden={access.hidden} />
            </Space>
          </Col>
        )}
      </Row>
    </Space>
  );
}
