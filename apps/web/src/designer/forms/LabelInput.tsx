import type { Label } from '@tessera/metadata';
import { Input } from 'antd';
import { useEffect, useState } from 'react';
import { LANGUAGE_NAMES, LANGUAGES } from '../../i18n/languages';

interface Props {
  value: Label | undefined;
  /** undefined when both texts are cleared. */
  onChange(value: Label | undefined): void;
  testId: string;
  multiline?: boolean;
}

/**
 * A label in both languages, written to the draft when focus leaves both boxes or on
 * Enter (one undo step per edit). A label needs both texts: an empty one takes the other's.
 */
export function LabelInput({ value, onChange, testId, multiline }: Props) {
  const [texts, setTexts] = useState<Record<string, string>>(() => ({ ...value }));
  useEffect(() => setTexts({ ...value }), [value]);
  const commit = () => {
    const zh = texts['zh-CN']?.trim() ?? '';
    const en = texts.en?.trim() ?? '';
    const next: Label | undefined = zh || en ? { 'zh-CN': zh || en, en: en || zh } : undefined;
    if (JSON.stringify(next) !== JSON.stringify(value)) onChange(next);
  };
  return (
    <div
      style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) commit();
      }}
    >
      {LANGUAGES.map((lang) => {
        const shared = {
          'data-testid': `${testId}-${lang}`,
          placeholder: LANGUAGE_NAMES[lang],
          value: texts[lang] ?? '',
          onChange: (e: { target: { value: string } }) => setTexts((old) => ({ ...old, [lang]: e.target.value })),
        };
        return multiline ? <Input.TextArea key={lang} {...shared} autoSize={{ minRows: 1, maxRows: 4 }} /> : <Input key={lang} {...shared} onPressEnter={commit} />;
      })}
    </div>
  );
}
