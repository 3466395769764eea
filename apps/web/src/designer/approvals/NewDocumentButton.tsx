import { PlusOutlined } from '@ant-design/icons';
import type { MetadataDocument, ObjectDefinition } from '@tessera/metadata';
import { Button, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useLabel } from '../../i18n/label';
import { documentPath } from '../designer.paths';
import { useDraft } from '../draft/draft.store';
import { documentsOf } from '../pipelines/designer-fields';

const KEY = /^[a-z][a-z0-9_]{0,62}$/;

/**
 * A new document of `kind`: a key (checked as typed), an object when the kind needs one
 * (among those `offer` accepts), then its screen. `create` returns the new document, or
 * the whole changed set when other documents change with it (a pipeline adds its stage
 * field to the object) — one undo step either way.
 */
export function NewDocumentButton<K extends 'approvalFlow' | 'automation' | 'role' | 'pipeline'>({
  kind,
  create,
  needsObject = true,
  offer = () => true,
}: {
  kind: K;
  create(key: string, object: string): Extract<MetadataDocument, { kind: K }> | MetadataDocument[];
  needsObject?: boolean;
  offer?: (object: ObjectDefinition) => boolean;
}) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const draft = useDraft();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [key, setKey] = useState('');
  const objects = documentsOf(draft.documents, 'object').filter((o) => !o.retired && offer(o));
  const [object, setObject] = useState<string>();
  const taken = !!draft.find(kind, key);
  const ok = KEY.test(key) && !taken && (!needsObject || !!object);
  return (
    <>
      <Button icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid={`new-${kind}`}>{t('designerFlows.new')}</Button>
      <Modal
        open={open}
        title={t('designerFlows.new')}
        okButtonProps={{ disabled: !ok }}
        onCancel={() => setOpen(false)}
        onOk={() => {
          const created = create(key, object ?? '');
          if (Array.isArray(created)) draft.replaceAll(created);
          else draft.update(kind, key, created);
          setOpen(false);
          navigate(documentPath(kind, key));
        }}
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Input placeholder={t('designerFlows.key')} value={key} status={key && !KEY.test(key) ? 'error' : undefined} onChange={(e) => setKey(e.target.value)} />
          {taken && <span style={{ color: '#ff4d4f' }}>{t('designerFlows.keyTaken')}</span>}
          {key && !KEY.test(key) && <span style={{ color: '#ff4d4f' }}>{t('designerFlows.keyPattern')}</span>}
          {needsObject && <Select style={{ width: '100%' }} placeholder={t('designerFlows.object')} value={object} onChange={setObject} options={objects.map((o) => ({ value: o.key, label: label(o.label) }))} />}
        </Space>
      </Modal>
    </>
  );
}
