import { indexMetadata as indexDocuments, resolveField, WIDGET_VALUE_CLASSES, type FormWidget, type Label, type MetadataDocument, type ObjectDefinition } from '@tessera/metadata';

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
