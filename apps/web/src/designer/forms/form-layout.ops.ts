import type { FieldItem, FormDefinition, FormItem, FormSection, FormTab, Label, ObjectDefinition } from '@tessera/metadata';

/**
 * Edits of a form document as pure functions (a new document each time, the input untouched),
 * so every canvas gesture is one `update('form', …)` and one undo step.
 */

export interface SectionAt {
  tab: number;
  section: number;
}

export interface ItemAt extends SectionAt {
  index: number;
}

const withSection = (form: FormDefinition, at: SectionAt, change: (section: FormSection) => FormSection): FormDefinition => ({
  ...form,
  tabs: form.tabs.map((tab, t) => (t !== at.tab ? tab : { ...tab, sections: tab.sections.map((s, i) => (i === at.section ? change(s) : s)) })),
});

export const itemAt = (form: FormDefinition, at: ItemAt): FormItem | undefined => form.tabs[at.tab]?.sections[at.section]?.items[at.index];

/** JSON Pointer of an item (how draft problems and the form state name it). */
export const itemPointer = (at: ItemAt): string => `/tabs/${at.tab}/sections/${at.section}/items/${at.index}`;

export function insertItem(form: FormDefinition, at: ItemAt, item: FormItem): FormDefinition {
  return withSection(form, at, (s) => ({ ...s, items: [...s.items.slice(0, at.index), item, ...s.items.slice(at.index)] }));
}

export function removeItem(form: FormDefinition, at: ItemAt): FormDefinition {
  return withSection(form, at, (s) => ({ ...s, items: s.items.filter((_, i) => i !== at.index) }));
}

export function updateItem(form: FormDefinition, at: ItemAt, change: (item: FormItem) => FormItem): FormDefinition {
  return withSection(form, at, (s) => ({ ...s, items: s.items.map((item, i) => (i === at.index ? change(item) : item)) }));
}

/**
 * Moves an item before the item now at `to` (`to.index` = the section's length appends).
 * Indexes are those before the move; within one section the removal is accounted for.
 */
export function moveItem(form: FormDefinition, from: ItemAt, to: ItemAt): FormDefinition {
  const item = itemAt(form, from);
  if (!item) return form;
  const sameSection = from.tab === to.tab && from.section === to.section;
  const index = sameSection && from.index < to.index ? to.index - 1 : to.index;
  if (sameSection && index === from.index) return form;
  return insertItem(removeItem(form, from), { ...to, index }, item);
}

export function updateSection(form: FormDefinition, at: SectionAt, change: (section: FormSection) => FormSection): FormDefinition {
  return withSection(form, at, change);
}

export function addSection(form: FormDefinition, tab: number, section: FormSection): FormDefinition {
  return { ...form, tabs: form.tabs.map((t, i) => (i === tab ? { ...t, sections: [...t.sections, section] } : t)) };
}

export function removeSection(form: FormDefinition, at: SectionAt): FormDefinition {
  return { ...form, tabs: form.tabs.map((t, i) => (i === at.tab ? { ...t, sections: t.sections.filter((_, s) => s !== at.section) } : t)) };
}

export function addTab(form: FormDefinition, tab: FormTab): FormDefinition {
  return { ...form, tabs: [...form.tabs, tab] };
}

export function updateTab(form: FormDefinition, index: number, change: (tab: FormTab) => FormTab): FormDefinition {
  return { ...form, tabs: form.tabs.map((t, i) => (i === index ? change(t) : t)) };
}

export function removeTab(form: FormDefinition, index: number): FormDefinition {
  return { ...form, tabs: form.tabs.filter((_, i) => i !== index) };
}

/** Keys of the fields the form places. */
export function placedFields(form: FormDefinition): Set<string> {
  const keys = new Set<string>();
  for (const tab of form.tabs) for (const s of tab.sections) for (const i of s.items) if (i.kind === 'field') keys.add(i.field);
  return keys;
}

/** Tab and section keys share one namespace in a form (lint refuses a repeat). */
export function layoutKeys(form: FormDefinition): Set<string> {
  return new Set(form.tabs.flatMap((t) => [t.key, ...t.sections.map((s) => s.key)]));
}

/** `base`, or `base_2`, `base_3`… whichever is not taken. */
export function freeKey(taken: ReadonlySet<string>, base: string): string {
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}_${n}`)) n++;
  return `${base}_${n}`;
}

/** A field item without its empty optional properties (what the schema expects to read). */
export function cleanFieldItem(item: FieldItem): FieldItem {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (v !== undefined && v !== '') out[k] = v;
  return out as unknown as FieldItem;
}

/**
 * A new form of an object: one tab with one section holding the required fields (or the
 * first field), since a section may not be empty and a create form must carry the required ones.
 */
export function newForm(object: ObjectDefinition, key: string, label: Label, purposes: NonNullable<FormDefinition['purposes']>, sectionLabel: Label, tabLabel: Label): FormDefinition {
  const live = object.fields.filter((f) => !f.retired);
  const required = live.filter((f) => f.required && f.default === undefined && f.type !== 'autonumber');
  const fields = required.length > 0 ? required : live.slice(0, 1);
  return {
    kind: 'form',
    key,
    object: object.key,
    label,
    ...(purposes.length > 0 && { purposes }),
    tabs: [{ key: 'main', label: tabLabel, sections: [{ key: 'general', label: sectionLabel, columns: 2, items: fields.map((f) => ({ kind: 'field', field: f.key })) }] }],
  };
}
