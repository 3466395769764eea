import type { Label } from '@tessera/metadata';
import { Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { CommitInput } from './CommitInput';

const LANGUAGES = ['zh-CN', 'en'] as const;

/** The Chinese and English text of a label; both are required unless the whole label is optional. */
export function LabelInputs({ value, onChange, optional, testId }: { value: Label | undefined; onChange(next: Label | undefined): void; optional?: boolean; testId?: string }) {
  const { t } = useTranslation();
  const set = (language: (typeof LANGUAGES)[number], text: string) => {
    const next = { ...value, [language]: text } as Record<string, string>;
    if (text === '') delete next[language];
    onChange(Object.keys(next).length === 0 && optional ? undefined : (next as unknown as Label));
  };
  return (
    <Space.Compact orientation="vertical" style={{ width: '100%' }}>
      {LANGUAGES.map((language) => (
        <CommitInput
          key={language}
          value={value?.[language] ?? ''}
          placeholder={t(`designer.objects.language.${language}`)}
          aria-label={t(`designer.objects.language.${language}`)}
          data-testid={testId ? `${testId}-${language}` : undefined}
          check={(text) => (text.trim() === '' && (!optional || Object.keys(value ?? {}).some((l) => l !== language)) ? t('designer.objects.labelRequired') : undefined)}
          onCommit={(text) => set(language, text.trim())}
        />
      ))}
    </Space.Compact>
  );
}
