import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { SelectOption } from '@tessera/metadata';
import { Button, Checkbox, ColorPicker, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { CommitInput } from './CommitInput';
import { freeKey, keyProblem } from './field-key';
import { LabelInputs } from './LabelInputs';
import { moveItem } from '../list.move';

/** The choices of a select: value (a key), label in both languages, colour, retired; ordered. */
export function OptionsEditor({ value, onChange }: { value: SelectOption[]; onChange(next: SelectOption[]): void }) {
  const { t } = useTranslation();
  const set = (index: number, patch: Partial<SelectOption>) => onChange(value.map((o, i) => (i === index ? stripUndefined({ ...o, ...patch }) : o)));
  const add = () => {
    const v = freeKey(`option_${value.length + 1}`, value.map((o) => o.value));
    onChange([...value, { value: v, label: { 'zh-CN': `选项 ${value.length + 1}`, en: `Option ${value.length + 1}` } }]);
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="options-editor">
      {value.map((option, index) => (
        <div key={`${index}:${option.value}`} style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 8 }} data-testid={`option-${option.value}`}>
          <Space style={{ width: '100%', marginBottom: 4 }} wrap>
            <div style={{ width: 140 }}>
              <CommitInput
                value={option.value}
                aria-label={t('designer.objects.optionValue')}
                check={(v) => {
                  const problem = keyProblem(v, value.filter((_, i) => i !== index).map((o) => o.value));
                  return problem && t(`designer.objects.keyProblems.${problem}`);
                }}
                onCommit={(v) => set(index, { value: v })}
              />
            </div>
            <ColorPicker
              size="small"
              disabledAlpha
              allowClear
              value={option.color}
              onChangeComplete={(c) => set(index, { color: c.toHexString() })}
              onClear={() => set(index, { color: undefined })}
              aria-label={t('designer.objects.optionColor')}
            />
            <Checkbox checked={option.retired === true} onChange={(e) => set(index, { retired: e.target.checked || undefined })}>
              {t('designer.objects.retired')}
            </Checkbox>
            <Button size="small" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => onChange(moveItem(value, index, index - 1))} aria-label="up" />
            <Button size="small" icon={<ArrowDownOutlined />} disabled={index === value.length - 1} onClick={() => onChange(moveItem(value, index, index + 1))} aria-label="down" />
            <Button size="small" danger icon={<DeleteOutlined />} disabled={value.length === 1} onClick={() => onChange(value.filter((_, i) => i !== index))} aria-label={t('designer.objects.remove')} />
          </Space>
          <LabelInputs value={option.label} onChange={(label) => label && set(index, { label })} />
        </div>
      ))}
      <Button icon={<PlusOutlined />} onClick={add} data-testid="add-option">
        {t('designer.objects.addOption')}
      </Button>
    </Space>
  );
}

/** The object without its undefined properties (the document stays plain JSON). */
export function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
