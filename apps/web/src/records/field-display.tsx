import type { Field, ObjectDefinition } from '@tessera/metadata';
import type { Language } from '../i18n/languages';
import { labelIn } from '../i18n/label';

export type RecordData = Record<string, unknown> & { id: string; version?: number; _expand?: Record<string, RecordData> };

/** Field kinds a list column can show in one cell. */
const LISTABLE = new Set(['text', 'number', 'currency', 'percent', 'date', 'datetime', 'boolean', 'select', 'multiselect', 'relation', 'autonumber', 'formula', 'rollup', 'email', 'phone']);

export function listColumns(object: ObjectDefinition, hidden: string[], max = 7): Field[] {
  const visible = object.fields.filter((f) => !f.retired && !hidden.includes(f.key) && LISTABLE.has(f.type));
  const title = visible.find((f) => f.key === object.titleField);
  return [...(title ? [title] : []), ...visible.filter((f) => f !== title)].slice(0, max);
}

/** The record's title: its title field, else its id. */
export function recordTitle(object: ObjectDefinition | undefined, record: RecordData | undefined): string {
  if (!record) return '';
  const value = object?.titleField ? record[object.titleField] : undefined;
  return typeof value === 'string' && value !== '' ? value : record.id.slice(-8);
}

const money = (language: Language) => new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A value as text in the UI language (options by their label, relations by the related record's title). */
export function displayValue(field: Field, value: unknown, language: Language, record?: RecordData, objects?: Map<string, ObjectDefinition>): string {
  if (value === null || value === undefined || value === '') return '';
  switch (field.type) {
    case 'select':
      return labelIn(field.options.find((o) => o.value === value)?.label, language) || String(value);
    case 'multiselect':
      return (value as string[]).map((v) => labelIn(field.options.find((o) => o.value === v)?.label, language) || v).join(', ');
    case 'currency':
      return `¥${money(language).format(Number(value))}`;
    case 'percent':
      return `${value}%`;
    case 'boolean':
      return value ? '✓' : '✗';
    case 'datetime':
      return new Date(String(value)).toLocaleString(language);
    case 'relation': {
      const related = record?._expand?.[field.key];
      return related ? recordTitle(objects?.get(field.target), related) : String(value).slice(-8);
    }
    case 'geopoint': {
      const p = value as { lat: number; lng: number };
      return `${p.lat.toFixed(5)}, ${p.lng.toFixed(5)}`;
    }
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}
