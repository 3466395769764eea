import type { ObjectDefinition } from '@tessera/metadata';
import { Button, Card, Form, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useLabel } from '../../i18n/label';
import { documentPath } from '../designer.paths';
import { useDraft } from '../draft/draft.store';
import { CommitInput } from './CommitInput';
import { keyProblem } from './field-key';
import { LabelInputs } from './LabelInputs';
import { newObject } from './object.edit';

/** The draft's objects, and a new one by key and labels. */
export function ObjectList() {
  const { t } = useTranslation();
  const { label } = useLabel();
  const draft = useDraft();
  const navigate = useNavigate();
  const objects = draft.documents.filter((d): d is ObjectDefinition => d.kind === 'object');
  const [key, setKey] = useState('');
  const [name, setName] = useState<ObjectDefinition['label'] | undefined>();
  const keyError = key === '' ? undefined : keyProblem(key, objects.map((o) => o.key));
  const create = () => {
    if (!name?.['zh-CN'] || !name.en || keyError || key === '') return;
    draft.update('object', key, newObject(key, name));
    navigate(documentPath('object', key));
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Table<ObjectDefinition>
        size="small"
        rowKey="key"
        dataSource={objects}
        pagination={false}
        onRow={(o) => ({ onClick: () => navigate(documentPath('object', o.key)), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('designer.objects.props.label'), render: (_, o) => label(o.label) },
          { title: t('designer.objects.props.key'), dataIndex: 'key' },
          { title: t('designer.objects.fields'), render: (_, o) => o.fields.filter((f) => !f.retired).length },
          { title: '', render: (_, o) => o.retired && <Tag>{t('designer.objects.retired')}</Tag> },
        ]}
      />
      <Card size="small" title={t('designer.objects.newObject')} data-testid="new-object">
        <Form layout="vertical" component="div">
          <Form.Item label={t('designer.objects.props.key')} validateStatus={keyError ? 'error' : undefined} help={keyError && t(`designer.objects.keyProblems.${keyError}`)}>
            <CommitInput value={key} onCommit={setKey} data-testid="new-object-key" />
          </Form.Item>
          <Form.Item label={t('designer.objects.props.label')}>
            <LabelInputs value={name} onChange={setName} optional testId="new-object-label" />
          </Form.Item>
          <Button type="primary" onClick={create} disabled={!name?.['zh-CN'] || !name.en || !key || !!keyError} data-testid="create-object">
            {t('designer.objects.create')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
