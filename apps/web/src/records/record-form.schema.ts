import { buildRecordSchemas, type JsonSchema } from '@tessera/engine';
import type { FormDefinition, ObjectDefinition } from '@tessera/metadata';
import type { ErrorSchema, UiSchema } from '@rjsf/utils';
import type { ProblemItem } from '../api/problem';
import type { Language } from '../i18n/languages';
import { labelIn } from '../i18n/label';

export interface FormSchemas {
  schema: JsonSchema;
  uiSchema: UiSchema;
  /** Keys the form edits (what a PATCH may send). */
  keys: string[];
}

/**
 * The server's own record schema (create or update) for the form: fields the user may
 * not see and the pipeline's stage field (moved only through the path bar) are left out;
 * titles are put in the UI language (titles do not change what validates).
 */
export function formSchemas(
  object: ObjectDefinition,
  mode: 'create' | 'update',
  options: { hidden: string[]; readOnly: string[]; stageField?: string; form?: FormDefinition; language: Language },
): FormSchemas {
  const built = buildRecordSchemas(object)[mode] as JsonSchema & { properties: Record<string, JsonSchema>; required?: string[] };
  const omit = new Set([...options.hidden, ...(options.stageField ? [options.stageField] : [])]);
  const properties: Record<string, JsonSchema> = {};
  const uiSchema: UiSchema = { 'ui:submitButtonOptions': { norender: true } };
  for (const field of object.fields) {
    const property = built.properties[field.key];
    if (!property || omit.has(field.key)) continue;
    properties[field.key] = { ...property, title: labelIn(field.label, options.language), description: undefined };
    const ui: UiSchema = {};
    if (field.description) ui['ui:help'] = labelIn(field.description, options.language);
    if (options.readOnly.includes(field.key)) ui['ui:readonly'] = true;
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
    uiSchema[field.key] = ui;
  }
  const order = formOrder(options.form).filter((k) => k in properties);
  if (order.length > 0) uiSchema['ui:order'] = [...order, '*'];
  const schema: JsonSchema = {
    ...built,
    title: undefined,
    properties,
    ...(built.required && { required: built.required.filter((k) => k in properties) }),
  };
  return { schema, uiSchema, keys: Object.keys(properties) };
}

/** Field order of a form document (tabs, then sections, then items). */
function formOrder(form: FormDefinition | undefined): string[] {
  if (!form) return [];
  return form.tabs.flatMap((tab) => tab.sections.flatMap((s) => s.items.flatMap((i) => (i.kind === 'field' ? [i.field] : []))));
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
