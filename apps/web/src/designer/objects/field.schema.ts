import { FIELD_TYPES } from '@tessera/engine';
import type { Field, Label, ObjectDefinition } from '@tessera/metadata';
import objectSchema from '@tessera/schemas/object.schema.json';
import { freeKey } from './field-key';

export type FieldType = Field['type'];

/** A property of a field type as its JSON Schema describes it (what the property panel renders from). */
export interface PropertySchema {
  type?: string;
  enum?: string[];
  description?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  default?: unknown;
  items?: unknown;
  $ref?: string;
}

type Defs = Record<string, { allOf?: Array<{ properties?: Record<string, PropertySchema>; required?: string[] }> }>;
const DEFS = objectSchema.$defs as unknown as Defs;

/** The field types the engine knows, in the registry's order (the palette). */
export const FIELD_TYPE_KEYS = Object.keys(FIELD_TYPES) as FieldType[];

/** The properties only fields of this type have (besides `type`), and which of them are required. */
export function typeProperties(type: FieldType): { properties: Record<string, PropertySchema>; required: string[] } {
  const own = DEFS[`${type}Field`]?.allOf?.find((part) => part.properties?.type);
  const { type: _type, ...properties } = own?.properties ?? {};
  return { properties, required: (own?.required ?? []).filter((name) => name !== 'type') };
}

/** Values that make a new field of a type valid where its schema requires more than key and label. */
function seed(type: FieldType, self: ObjectDefinition, objects: readonly ObjectDefinition[]): Record<string, unknown> {
  switch (type) {
    case 'select':
    case 'multiselect':
      return { options: [{ value: 'option_1', label: { 'zh-CN': '选项 1', en: 'Option 1' } }] };
    case 'relation':
      return { target: objects.find((o) => o.key !== self.key && !o.retired)?.key ?? self.key };
    case 'autonumber':
      return { pattern: `${self.key.slice(0, 3).toUpperCase()}-{seq:6}`, readOnly: true };
    case 'formula':
      return { expression: '""', resultType: 'text', readOnly: true };
    case 'rollup': {
      // The first child object whose relation points here; counting needs nothing else.
      for (const child of objects) {
        const via = child.fields.find((f) => f.type === 'relation' && f.target === self.key && !f.retired);
        if (via) return { object: child.key, via: via.key, aggregate: 'count', readOnly: true };
      }
      return { object: self.key, via: '', aggregate: 'count', readOnly: true };
    }
    default:
      return {};
  }
}

/** A new field of `type` for `self`: a free key, the given label, and what its type requires. */
export function newField(type: FieldType, self: ObjectDefinition, objects: readonly ObjectDefinition[], label: Label): Field {
  const key = freeKey(`new_${type}`, self.fields.map((f) => f.key));
  return { key, label, type, ...seed(type, self, objects) } as Field;
}
