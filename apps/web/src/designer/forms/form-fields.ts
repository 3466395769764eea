import { indexMetadata as indexDocuments, resolveField, WIDGET_VALUE_CLASSES, type FormItem, type FormWidget, type Label, type MetadataDocument, type ObjectDefinition } from '@tessera/metadata';

/** A field the form can place: declared, or a system field. */
export interface PlaceableField {
  key: string;
  label: Label | undefined;
  /** The declared type, or `system`. */
  type: string;
  /** Widgets that can edit its value (lint's own table). */
  widgets: FormWidget[];
}

/** System fields worth placing on a form (the rest are bookkeeping). */
const SYSTEM_FIELDS = ['owner_id', 'org_unit_id', 'created_at', 'created_by', 'updated_at'];

/** The fields of an object as the form designer offers them, with the widgets that suit each. */
export function placeableFields(documents: readonly MetadataDocument[], object: ObjectDefinition): PlaceableField[] {
  const index = indexDocuments(documents.map((document) => ({ source: `${document.kind}`, document })));
  const widgetsOf = (key: string): FormWidget[] => {
    const resolved = resolveField(index, object.key, key);
    if (!resolved) return [];
    return (Object.keys(WIDGET_VALUE_CLASSES) as FormWidget[]).filter((w) => {
      const allowed = WIDGET_VALUE_CLASSES[w];
      return allowed === 'any' || allowed.includes(resolved.valueClass);
    });
  };
  return [
    ...object.fields.filter((f) => !f.retired).map((f) => ({ key: f.key, label: f.label, type: f.type as string, widgets: widgetsOf(f.key) })),
    ...SYSTEM_FIELDS.map((key) => ({ key, label: undefined, type: 'system', widgets: widgetsOf(key) })),
  ];
}

/** A block of the palette: a new note, or the list of another object's records pointing here. */
export interface PaletteBlock {
  key: string;
  label: Label;
  item: FormItem;
}

/**
 * The blocks a form of `object` can hold: a note, and a related list per relation field
 * of another (live) object that targets it — quote lines, visit logs.
 */
export function paletteBlocks(documents: readonly MetadataDocument[], object: ObjectDefinition): PaletteBlock[] {
  const related = documents
    .filter((d): d is ObjectDefinition => d.kind === 'object' && !d.retired)
    .flatMap((o) =>
      o.fields
        .filter((f) => f.type === 'relation' && f.target === object.key && !f.retired)
        .map((f): PaletteBlock => ({
          key: `related-${o.key}-${f.key}`,
          label: o.pluralLabel ?? o.label,
          item: { kind: 'relatedList', object: o.key, via: f.key, columns: [o.titleField ?? o.fields.find((x) => x.key !== f.key && !x.retired)?.key ?? f.key] },
        })),
    );
  return [{ key: 'note', label: { 'zh-CN': '说明文字', en: 'Note' }, item: { kind: 'note', text: { 'zh-CN': '说明', en: 'Note' } } }, ...related];
}
