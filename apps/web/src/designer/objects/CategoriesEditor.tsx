import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { AttachmentCategory } from '@tessera/metadata';
import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { CommitInput } from './CommitInput';
import { freeKey, keyProblem } from './field-key';
import { LabelInputs } from './LabelInputs';

/** The categories a file of an attachment field is filed under (stage gates ask for them by key). */
export function CategoriesEditor({ value, onChange }: { value: AttachmentCategory[]; onChange(next: AttachmentCategory[] | undefined): void }) {
  const { t } = useTranslation();
  const set = (index: number, patch: Partial<AttachmentCategory>) => onChange(value.map((c, i) => (i === index ? { ...c, ...patch } : c)));
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="categories-editor">
      {value.map((category, index) => (
        <div key={`${index}:${category.key}`} style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 8 }}>
          <Space style={{ marginBottom: 4 }}>
            <CommitInput
              value={category.key}
              aria-label={t('designer.objects.categoryKey')}
              check={(v) => {
                const problem = keyProblem(v, value.filter((_, i) => i !== index).map((c) => c.key));
                return problem && t(`designer.objects.keyProblems.${problem}`);
              }}
              onCommit={(key) => set(index, { key })}
            />
            <Button size="small" danger icon={<DeleteOutlined />} onClick={() => onChange(value.length === 1 ? undefined : value.filter((_, i) => i !== index))} aria-label={t('designer.objects.remove')} />
          </Space>
          <LabelInputs value={category.label} onChange={(label) => label && set(index, { label })} />
        </div>
      ))}
      <Button
        icon={<PlusOutlined />}
        onClick={() => onChange([...value, { key: freeKey('category', value.map((c) => c.key)), label: { 'zh-CN': '分类', en: 'Category' } }])}
      >
        {t('designer.objects.addCategory')}
      </Button>
    </Space>
  );
}
