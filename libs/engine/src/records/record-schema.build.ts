import type { Field, ObjectDefinition } from '@tessera/metadata';
import { fieldType } from '../field-types/field-type.registry';
import type { JsonSchema } from '../field-types/field-type';

/** The fields a record exposes: retired fields are hidden from forms and the API. */
export function activeFields(object: ObjectDefinition): Field[] {
  return object.fields.filter((f) => !f.retired);
}

/** Fields a user writes through forms and the API (not computed, not read-only, not uploads). */
export function writableFields(object: ObjectDefinition): Field[] {
  return activeFields(object).filter((f) => !f.readOnly && fieldType(f).valueSchema(f) !== undefined);
}

function labelled(field: Field, schema: JsonSchema): JsonSchema {
  return { ...schema, title: field.label['zh-CN'], description: field.label.en };
}

export interface RecordSchemas {
  /** Body of a create: required fields are required. Null means "no value" and is checked apart. */
  create: JsonSchema;
  /** Body of a partial update: nothing is required. */
  update: JsonSchema;
}

/**
 * JSON Schemas of one object's records, generated from its definition. The server
 * validates with them and the browser form renders from the same schema, so both
 * report the same errors.
 */
export function buildRecordSchemas(object: ObjectDefinition): RecordSchemas {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const f of writableFields(object)) {
    properties[f.key] = labelled(f, fieldType(f).valueSchema(f)!);
    if (f.required && f.default === undefined) required.push(f.key);
  }
  const base = { type: 'object', title: object.label['zh-CN'], properties, additionalProperties: false };
  return {
    create: { ...base, required },
    update: { ...base },
  };
}
