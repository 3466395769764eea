import type { Field, Label } from '@tessera/metadata';

type Locale = 'zh-CN' | 'en';

const YES_NO: Record<'true' | 'false', Label> = { true: { 'zh-CN': '是', en: 'Yes' }, false: { 'zh-CN': '否', en: 'No' } };

/** Column headers of the system fields an export can carry (their SYSTEM_FIELDS labels are English only). */
export const SYSTEM_HEADERS: Record<string, Label> = {
  id: { 'zh-CN': 'ID', en: 'ID' },
  owner_id: { 'zh-CN': '负责人', en: 'Owner' },
  org_unit_id: { 'zh-CN': '部门', en: 'Org unit' },
  created_by: { 'zh-CN': '创建人', en: 'Created by' },
  updated_by: { 'zh-CN': '修改人', en: 'Updated by' },
  created_at: { 'zh-CN': '创建时间', en: 'Created at' },
  updated_at: { 'zh-CN': '修改时间', en: 'Updated at' },
};

export const labelText = (label: Label | undefined, locale: Locale): string => (label ? (label[locale] ?? label.en ?? label['zh-CN'] ?? '') : '');

/** Names of the people, units and related records in a batch, looked up by the exporter. */
export interface ExportNames {
  user(id: string): string | undefined;
  unit(id: string): string | undefined;
  record(field: string, id: string): string | undefined;
}

/**
 * One value as a spreadsheet reader wants it: option labels rather than keys, names
 * rather than ids, yes / no, ISO dates. Money stays a plain decimal number.
 */
export function exportCell(field: Field, value: unknown, locale: Locale, names: ExportNames): string | number | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return value.toISOString();
  const user = field.type === 'user' || field.key === 'owner_id' || field.key === 'created_by' || field.key === 'updated_by';
  if (user) return names.user(String(value)) ?? String(value);
  if (field.key === 'org_unit_id') return names.unit(String(value)) ?? String(value);
  switch (field.type) {
    case 'select':
      return labelText(field.options.find((o) => o.value === value)?.label, locale) || String(value);
    case 'multiselect':
      return (value as string[]).map((v) => labelText(field.options.find((o) => o.value === v)?.label, locale) || v).join('; ');
    case 'boolean':
      return labelText(YES_NO[value ? 'true' : 'false'], locale);
    case 'relation':
      return field.key === 'id' ? String(value) : (names.record(field.key, String(value)) ?? String(value));
    case 'geopoint': {
      const p = value as { lat: number; lng: number };
      return `${p.lat}, ${p.lng}`;
    }
    default:
      return typeof value === 'number' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}
