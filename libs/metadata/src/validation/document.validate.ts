import type { MetadataDocument } from '../metadata.generated';
import type { MetadataIssue } from '../issues/metadata-issue';
import { isMetadataKind, METADATA_KINDS } from '../kinds/metadata-kind.registry';
import { ajvErrorsToIssues } from './ajv-issue.map';
import { kindValidator } from './metadata.ajv';

export type DocumentValidation =
  | { valid: true; document: MetadataDocument; issues: [] }
  | { valid: false; issues: MetadataIssue[] };

/**
 * Checks one document against the JSON Schema of its kind (read from its kind
 * property). Only structure is checked here; references between documents are
 * the lint's job.
 */
export function validateDocument(value: unknown): DocumentValidation {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { valid: false, issues: [{ path: '', code: 'schema.type', message: 'a metadata document must be a JSON object', severity: 'error' }] };
  }
  const kind = (value as { kind?: unknown }).kind;
  if (!isMetadataKind(kind)) {
    const message = `${kind === undefined ? 'kind is required' : `unknown kind ${JSON.stringify(kind)}`}; expected one of: ${METADATA_KINDS.join(', ')}`;
    return { valid: false, issues: [{ path: '/kind', code: kind === undefined ? 'schema.required' : 'schema.kind', message, severity: 'error' }] };
  }
  const validate = kindValidator(kind);
  if (validate(value)) return { valid: true, document: value as MetadataDocument, issues: [] };
  return { valid: false, issues: ajvErrorsToIssues(validate.errors) };
}
