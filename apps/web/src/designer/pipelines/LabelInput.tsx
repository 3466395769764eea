import type { Label } from '@tessera/metadata';
import { Input, Space } from 'antd';

/** A localized label: the Chinese text and the English one side by side (both required by the schema). */
export function LabelInput({ value, onChange, testId, optional }: { value: Label | undefined; onChange(next: Label | undefined): void; testId?: string; optional?: boolean }) {
  const set = (lang: 'zh-CN' | 'en', text: string) => {
    const next = { 'zh-CN': value?.['zh-CN'] ?? '', en: value?.en ?? '', [lang]: text };
    onChange(optional && !next['zh-CN'] && !next.en ? undefined : next);
  };
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input addonBefore="中" value={value?.['zh-CN'] ?? ''} onChange={(e) => set('zh-CN', e.target.value)} data-testid={testId && `${testId}-zh`} status={!optional && !value?.['zh-CN'] ? 'error' : undefined} />
      <Input addonBefore="EN" value={value?.en ?? ''} onChange={(e) => set('en', e.target.value)} data-testid={testId && `${testId}-en`} status={!optional && !value?.en ? 'error' : undefined} />
    </Space.Compact>
  );
}
