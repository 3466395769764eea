import { buildRecordSchemas, type JsonSchema } from '@tessera/engine';
import type { FieldItem, FormDefinition, ObjectDefinition } from '@tessera/metadata';
import type { ErrorSchema, UiSchema } from '@rjsf/utils';
import type { ProblemItem } from '../api/problem';
import type { Language } from '../i18n/languages';
import { labelIn } from '../i18n/label';

export interface FormSchemas {
  schema: JsonSchema;
  uiSchema: UiSchema;
  /** Keys the form edits (what a PATCH may send). */
  keys: string[];
  /** Tabs, sections and items of the form document, in the UI language; absent without a form. */
  layout?: FormLayout;
}

export interface LayoutItem {
  /** JSON Pointer of the item in the form document (what FormState.hidden names). */
  path: string;
  kind: 'field' | 'note' | 'relatedList';
  field?: string;
  span: number;
  text?: string;
  tone?: 'info' | 'warning';
  related?: { object: string; via: string; columns: string[]; label?: string };
  /** An attachment field: rendered by the page (uploads need a saved record), not by rjsf. */
  attachment?: boolean;
  photo?: boolean;
}

export interface LayoutSection {
  path: string;
  key: string;
  label?: string;
  columns: number;
  collapsed: boolean;
  items: LayoutItem[];
}

export interface LayoutTab {
  path: string;
  key: string;
  label: string;
  sections: LayoutSection[];
}

export interface FormLayout {
  tabs: LayoutTab[];
}

/** The rjsf widget or field of each form widget (the field type's default when absent). */
const WIDGETS: Partial<Record<NonNullable<FieldItem['widget']>, UiSchema>> = {
  input: { 'ui:widget': 'text' },
  textarea: { 'ui:widget': 'textarea' },
  richtext: { 'ui:widget': 'textarea' },
  switch: { 'ui:widget': 'checkbox' },
  checkbox: { 'ui:widget': 'checkbox' },
  select: { 'ui:widget': 'select' },
  radio: { 'ui:widget': 'radio' },
  multiselect: { 'ui:widget': 'select' },
  checkboxGroup: { 'ui:widget': 'checkboxes' },
  userPicker: { 'ui:widget': 'user' },
  recordPicker: { 'ui:widget': 'relation' },
  location: { 'ui:field': 'geopoint' },
  readonly: { 'ui:readonly': true },
};

/**
 * The server's own record schema (create or update) for the form: fields the user may
 * not see and the pipeline's stage field (moved only through the path bar) are left out;
 * titles are put in the UI language (titles do not change what validates). A form
 * document adds its layout, widgets, help texts and placeholders; `readOnly` holds the
 * fields the user's roles or the form's `readOnlyWhen` make read-only right now.
 */
export function formSchemas(
  object: ObjectDefinition,
  mode: 'create' | 'update',
  options: { hidden: string[]; readOnly: string[]; stageField?: string; form?: FormDefinition; language: Language },
): FormSchemas {
  const built = buildRecordSchemas(object)[mode] as JsonSchema & { properties: Record<string, JsonSchema>; required?: string[] };
  const omit = new Set([...options.hidden, ...(options.stageField ? [options.stageField] : [])]);
  const placed = new Map<string, FieldItem>();
  for (const tab of options.form?.tabs ?? []) for (const s of tab.sections) for (const i of s.items) if (i.kind === 'field' && !placed.has(i.field)) placed.set(i.field, i);
  const properties: Record<string, JsonSchema> = {};
  const uiSchema: UiSchema = { 'ui:submitButtonOptions': { norender: true } };
  for (const field of object.fields) {
    const property = built.properties[field.key];
    if (!property || omit.has(field.key)) continue;
    properties[field.key] = { ...property, title: labelIn(field.label, options.language), description: undefined };
    const ui: UiSchema = {};
    const item = placed.get(field.key);
    const help = item?.help ?? field.description;
    // As the description (antd's `extra`, under the input): rjsf-antd shows `ui:help` instead of the errors.
    if (help) ui['ui:description'] = labelIn(help, options.language);
    if (item?.placeholder) ui['ui:placeholder'] = labelIn(item.placeholder, options.language);
    if (field.type === 'select') ui['ui:enumNames'] = field.options.map((o) => labelIn(o.label, options.language));
    if (field.type === 'multiselect') {
      ui['ui:widget'] = 'select';
      ui.items = { 'ui:enumNames': field.options.map((o) => labelIn(o.label, options.language)) };
      ui['ui:enumNames'] = ui.items['ui:enumNames'];
    }
    if (field.type === 'longtext') ui['ui:widget'] = 'textarea';
    if (field.type === 'relation') Object.assign(ui, { 'ui:widget': 'relation', 'ui:options': { target: field.target } });
    if (field.type === 'user') ui['ui:widget'] = 'user';
    if (field.type === 'geopoint') ui['ui:field'] = 'geopoint';
    // The form's widget choice, where it suits the field (lint checks the value class; pickers need their type).
    const widget = item?.widget ? WIDGETS[item.widget] : undefined;
    const pickerMismatch = (item?.widget === 'recordPicker' && field.type !== 'relation') || (item?.widget === 'userPicker' && field.type !== 'user') || (item?.widget === 'location' && field.type !== 'geopoint');
    if (widget && !pickerMismatch) Object.assign(ui, widget);
    if (options.readOnly.includes(field.key)) ui['ui:readonly'] = true;
    uiSchema[field.key] = ui;
  }
  const layout = options.form ? formLayout(options.form, object, properties, options.language) : undefined;
  const order = layout ? layout.tabs.flatMap((t) => t.sections.flatMap((s) => s.items.flatMap((i) => (i.kind === 'field' && i.field && i.field in properties ? [i.field] : [])))) : [];
  if (order.length > 0) uiSchema['ui:order'] = [...order, '*'];
  const schema: JsonSchema = {
    ...built,
    title: undefined,
    properties,
    ...(built.required && { required: built.required.filter((k) => k in properties) }),
  };
  return { schema, uiSchema, keys: Object.keys(properties), layout };
}

/**
 * The form that lays out a record: on a phone one made for `mobile` first, then one for
 * the purpose (create or edit), then one for the other purpose or for viewing.
 */
export function pickForm(forms: FormDefinition[], object: string, mode: 'create' | 'edit', phone: boolean): FormDefinition | undefined {
  const own = forms.filter((f) => f.object === object);
  const order = [...(phone ? (['mobile'] as const) : []), mode, mode === 'create' ? 'edit' : 'create', 'view'] as const;
  for (const purpose of order) {
    const found = own.find((f) => f.purposes?.includes(purpose));
    if (found) return found;
  }
  return undefined;
}

/**
 * The form document as the layout template draws it: labels in the UI language, items
 * the user cannot see dropped, and every editable field the form leaves out appended in
 * a last untitled section (a form changes presentation only, it never hides data).
 */
export function formLayout(form: FormDefinition, object: ObjectDefinition, properties: Record<string, JsonSchema>, language: Language): FormLayout {
  const seen = new Set<string>();
  const tabs = form.tabs.map((tab, t): LayoutTab => ({
    path: `/tabs/${t}`,
    key: tab.key,
    label: labelIn(tab.label, language),
    sections: tab.sections.map((section, s): LayoutSection => {
      const at = `/tabs/${t}/sections/${s}`;
      const columns = section.columns ?? 2;
      const items = section.items.flatMap((item, i): LayoutItem[] => {
        const path = `${at}/items/${i}`;
        if (item.kind === 'note') return [{ path, kind: 'note', span: item.span ?? columns, text: labelIn(item.text, language), tone: item.tone ?? 'info' }];
        if (item.kind === 'relatedList') return [{ path, kind: 'relatedList', span: item.span ?? columns, related: { object: item.object, via: item.via, columns: item.columns, ...(item.label && { label: labelIn(item.label, language) }) } }];
        const field = object.fields.find((f) => f.key === item.field);
        if (field?.type === 'attachment' && !field.retired) return [{ path, kind: 'field', field: item.field, span: item.span ?? columns, attachment: true, photo: item.widget === 'photo' }];
        if (!(item.field in properties) || seen.has(item.field)) return [];
        seen.add(item.field);
        return [{ path, kind: 'field', field: item.field, span: Math.min(item.span ?? 1, columns) }];
      });
      return { path: at, key: section.key, ...(section.label && { label: labelIn(section.label, language) }), columns, collapsed: section.collapsed ?? false, items };
    }),
  }));
  const rest = Object.keys(properties).filter((k) => !seen.has(k));
  if (rest.length > 0 && tabs.length > 0) {
    tabs[0].sections.push({ path: '/unplaced', key: '_unplaced', columns: 2, collapsed: false, items: rest.map((field) => ({ path: `/unplaced/${field}`, kind: 'field', field, span: 1 })) });
  }
  return { tabs };
}

/** Server problems placed on the fields their JSON Pointers name; the rest stay form-level. */
export function problemsToErrorSchema(items: ProblemItem[]): { fields: ErrorSchema; general: string[] } {
  const fields: Record<string, unknown> = {};
  const general: string[] = [];
  for (const item of items) {
    const segments = item.path.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (segments.length === 0 || segments[0] === '') {
      general.push(item.message);
      continue;
    }
    let node = fields;
    for (const segment of segments) node = (node[segment] ??= {}) as Record<string, unknown>;
    ((node.__errors ??= []) as string[]).push(item.message);
  }
  return { fields: fields as ErrorSchema, general };
}

/** What an update sends: changed keys only, a cleared value as null. */
export function changedValues(keys: string[], before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const key of keys) {
    const next = after[key] === '' ? undefined : after[key];
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(next ?? null)) patch[key] = next ?? null;
  }
  return patch;
}
