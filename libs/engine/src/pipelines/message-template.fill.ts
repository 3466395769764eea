import type { Label, ObjectDefinition } from '@tessera/metadata';
import { fieldOf, valueLabel } from './condition-messages';

/**
 * Fills `{field_key}` placeholders of a localized text with the record's display values
 * (select option labels in the text's language). Unknown keys stay as written, so a typo
 * shows up in the message instead of vanishing.
 */
export function fillTemplate(text: Label, record: Readonly<Record<string, unknown>>, object: ObjectDefinition): Label {
  const fill = (s: string, lang: keyof Label) =>
    s.replace(/\{([a-z][a-z0-9_]{0,62})\}/g, (whole, key: string) => {
      const field = fieldOf(object, key);
      if (!field && !(key in record)) return whole;
      return valueLabel(field, record[key])[lang];
    });
  return { 'zh-CN': fill(text['zh-CN'], 'zh-CN'), en: fill(text.en, 'en') };
}
