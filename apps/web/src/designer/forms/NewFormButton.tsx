import { PlusOutlined } from '@ant-design/icons';
import type { FormDefinition, ObjectDefinition } from '@tessera/metadata';
import { Button, Checkbox, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useLabel } from '../../i18n/label';
import { documentPath } from '../designer.paths';
import { useDraft } from '../draft/draft.store';
import { freeKey, newForm } from './form-layout.ops';

const KEY = /^[a-z][a-z0-9_]{0,62}$/;
const PURPOSES = ['create', 'edit', 'view', 'mobile'] as const;

interface Values {
  object: string;
  key: string;
  zh: string;
  en: string;
  purposes: Array<(typeof PURPOSES)[number]>;
}

/** Creates a form document for an object of the draft (one undo step) and opens it. */
export function NewFormButton() {
  const { t } = useTranslation();
  const { label } = useLabel();
  const draft = useDraft();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const objects = draft.documents.filter((d): d is ObjectDefinition => d.kind === 'object' && !d.retired);
  const taken = new Set(draft.documents.filter((d): d is FormDefinition => d.kind === 'form').map((d) => d.key));

  const create = (v: Values) => {
    const object = objects.find((o) => o.key === v.object)!;
    const zh = v.zh?.trim() || v.en?.trim() || label(object.label);
    const en = v.en?.trim() || zh;
    const doc = newForm(object, v.key, { 'zh-CN': zh, en }, v.purposes ?? [], { 'zh-CN': '基本信息', en: 'General' }, { 'zh-CN': '主要', en: 'Main' });
    draft.update('form', v.key, doc);
    setOpen(false);
    navigate(documentPath('form', v.key));
  };

  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} data-testid="new-form" onClick={() => setOpen(true)}>
        {t('designerForms.newForm')}
      </Button>
      <Modal open={open} title={t('designerForms.newForm')} onCancel={() => setOpen(false)} onOk={() => form.submit()} destroyOnHidden>
        <Form<Values>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ purposes: ['edit'] }}
          onFinish={create}
          onValuesChange={(changed: Partial<Values>) => {
            if (changed.object && !form.isFieldTouched('key')) form.setFieldValue('key', freeKey(taken, `${changed.object}_form`));
          }}
        >
          <Form.Item name="object" label={t('designerForms.object')} rules={[{ required: true }]}>
            <Select data-testid="new-form-object" showSearch={{ optionFilterProp: 'label' }} options={objects.map((o) => ({ value: o.key, label: `${label(o.label)} (${o.key})` }))} />
          </Form.Item>
          <Form.Item
            name="key"
            label={t('designerForms.key')}
            rules={[
              { required: true },
              { pattern: KEY, message: t('designerForms.keyPattern') },
              { validator: (_, v: string) => (taken.has(v) ? Promise.reject(new Error(t('designerForms.keyTaken'))) : Promise.resolve()) },
            ]}
          >
            <Input data-testid="new-form-key" />
          </Form.Item>
          <Form.Item name="zh" label={t('designerForms.nameZh')}>
            <Input />
          </Form.Item>
          <Form.Item name="en" label={t('designerForms.nameEn')}>
            <Input />
          </Form.Item>
          <Form.Item name="purposes" label={t('designerForms.purposes')} extra={t('designerForms.purposesHelp')}>
            <Checkbox.Group options={PURPOSES.map((p) => ({ value: p, label: t(`designerForms.purpose.${p}`) }))} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
