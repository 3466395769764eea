import type { Label } from '@tessera/metadata';
import { useTranslation } from 'react-i18next';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from './languages';

/** A metadata label in the UI language (Chinese when the English one is missing). */
export function labelIn(label: Label | undefined, language: Language): string {
  if (!label) return '';
  return label[language] ?? label[DEFAULT_LANGUAGE];
}

/** The current UI language and a function that picks a label's text in it. */
export function useLabel(): { language: Language; label: (l: Label | undefined) => string } {
  const { i18n } = useTranslation();
  const language: Language = isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
  return { language, label: (l) => labelIn(l, language) };
}
