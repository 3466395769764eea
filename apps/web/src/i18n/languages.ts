export const LANGUAGES = ['zh-CN', 'en'] as const;

export type Language = (typeof LANGUAGES)[number];

/** The UI speaks Chinese unless the user picks English. */
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

/** Each language named in itself, so a reader can find theirs whatever is showing. */
export const LANGUAGE_NAMES: Record<Language, string> = { 'zh-CN': '中文', en: 'English' };

export function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}
