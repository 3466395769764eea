import type { ObjectDefinition } from '@tessera/metadata';
import { activeFields, buildRecordSchemas, fieldType, type JsonSchema } from '@tessera/engine';

const pascal = (key: string) => key.replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());

const SYSTEM_PROPERTIES: Record<string, JsonSchema> = {
  id: { type: 'string', format: 'uuid', readOnly: true },
  version: { type: 'integer', minimum: 1, readOnly: true, description: 'Optimistic lock: send it back (If-Match) when updating.' },
  owner_id: { type: 'string', format: 'uuid' },
  org_unit_id: { type: ['string', 'null'], format: 'uuid', readOnly: true },
  created_at: { type: 'string', format: 'date-time', readOnly: true },
  created_by: { type: ['string', 'null'], format: 'uuid', readOnly: true },
  updated_at: { type: 'string', format: 'date-time', readOnly: true },
  updated_by: { type: ['string', 'null'], format: 'uuid', readOnly: true },
};

/** The read shape of a record: system columns and every active field (nullable). */
function readSchema(object: ObjectDefinition): JsonSchema {
  const properties: Record<string, JsonSchema> = { ...SYSTEM_PROPERTIES };
  for (const f of activeFields(object)) {
    if (!fieldType(f).column(f, { field: () => undefined })) continue; // files are listed by the files API
    const value = fieldType(f).valueSchema(f);
    properties[f.key] = value
      ? { anyOf: [value, { type: 'null' }], title: f.label['zh-CN'], description: f.label.en }
      : { title: f.label['zh-CN'], description: `${f.label.en} (computed)`, readOnly: true };
  }
  return { type: 'object', title: object.label.en, properties, required: ['id', 'version', 'owner_id', 'created_at', 'updated_at'] };
}

const problem = { $ref: '#/components/responses/Problem' };
const json = (schema: JsonSchema) => ({ 'application/json': { schema } });
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };

/**
 * The OpenAPI 3.1 description of the record API for one published version: one
 * schema per object (read, create, update), generated from the same record
 * schemas the server validates with.
 */
export function buildOpenApi(objects: readonly ObjectDefinition[], version: number): Record<string, unknown> {
  const schemas: Record<string, JsonSchema> = {
    Problem: {
      type: 'object',
      description: 'RFC 9457 problem details',
      properties: {
        type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, instance: { type: 'string' }, requestId: { type: 'string' },
        errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string', description: 'JSON Pointer' }, code: { type: 'string' }, message: { type: 'string' } }, required: ['path', 'code', 'message'] } },
      },
      required: ['type', 'title', 'status'],
    },
  };
  const paths: Record<string, unknown> = {};
  for (const object of objects.filter((o) => !o.retired)) {
    const name = pascal(object.key);
    const { create, update } = buildRecordSchemas(object);
    schemas[name] = readSchema(object);
    schemas[`${name}Create`] = { ...create, properties: { ...(create.properties as object), owner_id: { type: 'string', format: 'uuid' } } };
    schemas[`${name}Update`] = { ...update, properties: { ...(update.properties as object), version: { type: 'integer' } } };
    const ref = (s: string) => ({ $ref: `#/components/schemas/${s}` });
    const page = { type: 'object', properties: { items: { type: 'array', items: ref(name) }, nextCursor: { type: ['string', 'null'] } }, required: ['items', 'nextCursor'] };
    const base = `/api/objects/${object.key}/records`;
    const tag = [object.key];
    paths[base] = {
      get: {
        tags: tag, operationId: `list${name}`, summary: `List ${object.label.en} records you may read`,
        parameters: ['filter', 'sort', 'fields', 'q', 'limit', 'cursor', 'expand'].map((p) => ({ name: p, in: 'query', required: false, schema: { type: 'string' } })),
        responses: { 200: { description: 'A page', content: json(page) }, 400: problem },
      },
      post: {
        tags: tag, operationId: `create${name}`, summary: `Create a ${object.label.en}`,
        parameters: [{ name: 'Acknowledge-Warnings', in: 'header', required: false, schema: { type: 'string' } }],
        requestBody: { required: true, content: json(ref(`${name}Create`)) },
        responses: { 201: { description: 'Created', content: json(ref(name)) }, 403: problem, 409: problem, 422: problem },
      },
    };
    paths[`${base}/{id}`] = {
      parameters: [idParam],
      get: { tags: tag, operationId: `get${name}`, responses: { 200: { description: 'The record', content: json(ref(name)) }, 404: problem } },
      patch: {
        tags: tag, operationId: `update${name}`,
        parameters: [{ name: 'If-Match', in: 'header', required: false, schema: { type: 'string' } }],
        requestBody: { required: true, content: json(ref(`${name}Update`)) },
        responses: { 200: { description: 'Updated', content: json(ref(name)) }, 403: problem, 404: problem, 409: problem, 422: problem },
      },
      delete: { tags: tag, operationId: `delete${name}`, responses: { 204: { description: 'Deleted (restorable)' }, 404: problem, 409: problem } },
    };
    paths[`${base}/{id}/restore`] = { parameters: [idParam], post: { tags: tag, operationId: `restore${name}`, responses: { 200: { description: 'Restored', content: json(ref(name)) }, 404: problem, 409: problem } } };
    paths[`${base}/{id}/history`] = { parameters: [idParam], get: { tags: tag, operationId: `history${name}`, responses: { 200: { description: 'Field-level history' }, 404: problem } } };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Tessera record API', version: `metadata-${version}`, description: 'Generated from the published metadata.' },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas,
      responses: { Problem: { description: 'A problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } } },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT or API key' } },
    },
    security: [{ bearer: [] }],
  };
}
