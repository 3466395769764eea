import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

// One AJV instance for record schemas; each object's schema is compiled once per
// published version (CompiledObject holds the functions).
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);

export function compileRecordSchema(schema: Record<string, unknown>): ValidateFunction {
  return ajv.compile(schema);
}

/** Maps an AJV error to a JSON Pointer of the offending field in the request body. */
export function ajvErrorPath(e: ErrorObject): string {
  if (e.keyword === 'required') return `${e.instancePath}/${(e.params as { missingProperty: string }).missingProperty}`;
  if (e.keyword === 'additionalProperties') return `${e.instancePath}/${(e.params as { additionalProperty: string }).additionalProperty}`;
  return e.instancePath;
}

export function ajvErrorCode(e: ErrorObject): string {
  if (e.keyword === 'required') return 'field.required';
  if (e.keyword === 'additionalProperties') return 'field.not_writable';
  return `field.${e.keyword}`;
}
