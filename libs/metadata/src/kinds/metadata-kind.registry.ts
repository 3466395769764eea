import approvalFlowSchema from '@tessera/schemas/approval-flow.schema.json';
import automationSchema from '@tessera/schemas/automation.schema.json';
import commonSchema from '@tessera/schemas/common.schema.json';
import dashboardSchema from '@tessera/schemas/dashboard.schema.json';
import demoDataSchema from '@tessera/schemas/demo-data.schema.json';
import formSchema from '@tessera/schemas/form.schema.json';
import objectSchema from '@tessera/schemas/object.schema.json';
import orgSchema from '@tessera/schemas/org.schema.json';
import packSchema from '@tessera/schemas/pack.schema.json';
import pipelineSchema from '@tessera/schemas/pipeline.schema.json';
import roleSchema from '@tessera/schemas/role.schema.json';
import type { MetadataDocument } from '../metadata.generated';

export type MetadataKind = MetadataDocument['kind'];

export type DocumentOf<K extends MetadataKind> = Extract<MetadataDocument, { kind: K }>;

/** A JSON Schema as imported from schemas/ (only $id is relied upon). */
export interface SchemaJson {
  $id: string;
  [keyword: string]: unknown;
}

/** The schema of every metadata kind, keyed by the value of its kind property. */
export const KIND_SCHEMAS: { readonly [K in MetadataKind]: SchemaJson } = {
  object: objectSchema,
  form: formSchema,
  pipeline: pipelineSchema,
  approvalFlow: approvalFlowSchema,
  automation: automationSchema,
  role: roleSchema,
  org: orgSchema,
  dashboard: dashboardSchema,
  demoData: demoDataSchema,
  pack: packSchema,
};

/** Schemas that only hold shared definitions. */
export const SHARED_SCHEMAS: readonly SchemaJson[] = [commonSchema];

export const METADATA_KINDS = Object.keys(KIND_SCHEMAS) as MetadataKind[];

export const isMetadataKind = (value: unknown): value is MetadataKind =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(KIND_SCHEMAS, value);

/** How a document is named in messages when it has no file path. */
export function documentName(doc: MetadataDocument): string {
  return doc.kind === 'pack' ? `pack:${doc.name}` : `${doc.kind}:${doc.key}`;
}
