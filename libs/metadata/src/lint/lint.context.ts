import type { MetadataIssue } from '../issues/metadata-issue';
import { pointer } from '../issues/json-pointer';
import type { ObjectDefinition, PipelineDefinition } from '../metadata.generated';
import { resolveField, type ResolvedField } from '../fields/field.resolve';
import type { ValueClass } from '../fields/value-class';
import type { MetadataIndex } from './metadata.index';

export const error = (path: string, code: string, message: string): MetadataIssue => ({ path, code, message, severity: 'error' });
export const warning = (path: string, code: string, message: string): MetadataIssue => ({ path, code, message, severity: 'warning' });

export const show = (v: unknown): string => JSON.stringify(v);

/** What a nested check needs: the index and the object (and its pipeline) the document is about. */
export interface RecordScope {
  index: MetadataIndex;
  object: ObjectDefinition;
  pipeline?: PipelineDefinition;
}

export function recordScope(index: MetadataIndex, object: ObjectDefinition): RecordScope {
  return { index, object, pipeline: index.pipelineOf.get(object.key) };
}

/**
 * Resolves a field reference, or reports why it cannot be used: unknown on the object,
 * or (when classes are given) of a class that does not fit the reference.
 */
export function requireField(
  scope: Pick<RecordScope, 'index'>,
  objectKey: string,
  fieldKey: string,
  at: string,
  issues: MetadataIssue[],
  classes?: readonly ValueClass[],
  purpose?: string,
): ResolvedField | undefined {
  if (!scope.index.objects.has(objectKey)) {
    requireObject(scope.index, objectKey, at, issues);
    return undefined;
  }
  const field = resolveField(scope.index, objectKey, fieldKey);
  if (!field) {
    issues.push(error(at, 'ref.unknown-field', `field ${show(fieldKey)} does not exist on object ${show(objectKey)}`));
    return undefined;
  }
  if (classes && !classes.includes(field.valueClass)) {
    issues.push(error(at, 'ref.field-type', `field ${show(fieldKey)} holds a ${field.valueClass} value; ${purpose ?? 'this reference'} needs ${classes.join(' or ')}`));
    return undefined;
  }
  return field;
}

/** Reports a reference to a missing document, unless the document exists but failed its schema. */
function missing(index: MetadataIndex, kind: string, key: string, at: string, issues: MetadataIssue[], code: string, what: string): undefined {
  if (!index.invalid.has(`${kind}:${key}`)) issues.push(error(at, code, `${what} ${show(key)} does not exist`));
  return undefined;
}

/** The object a document names, or an issue saying it does not exist. */
export function requireObject(index: MetadataIndex, key: string, at: string, issues: MetadataIssue[]): ObjectDefinition | undefined {
  return index.objects.get(key) ?? missing(index, 'object', key, at, issues, 'ref.unknown-object', 'object');
}

/** The role a document names, or an issue saying it does not exist. */
export function requireRole(index: MetadataIndex, key: string, at: string, issues: MetadataIssue[]): void {
  if (!index.roles.has(key)) missing(index, 'role', key, at, issues, 'ref.unknown-role', 'role');
}

/** The pipeline a document names, or an issue saying it does not exist. */
export function requirePipeline(index: MetadataIndex, key: string, at: string, issues: MetadataIssue[]): PipelineDefinition | undefined {
  return index.pipelines.get(key) ?? missing(index, 'pipeline', key, at, issues, 'ref.unknown-pipeline', 'pipeline');
}

/** An approval flow that exists and approves records of the scope's object. */
export function requireFlowOf(scope: RecordScope, key: string, at: string, issues: MetadataIssue[]): void {
  const flow = scope.index.approvalFlows.get(key);
  if (!flow) missing(scope.index, 'approvalFlow', key, at, issues, 'ref.unknown-flow', 'approval flow');
  else if (flow.object !== scope.object.key) issues.push(error(at, 'ref.flow-object', `approval flow ${show(key)} approves ${show(flow.object)}, not ${show(scope.object.key)}`));
}

/** The stage keys of the object's pipeline, or an issue when the object has none. */
export function requireStage(scope: RecordScope, stage: string, at: string, issues: MetadataIssue[]): boolean {
  if (!scope.pipeline) {
    issues.push(error(at, 'ref.no-pipeline', `object ${show(scope.object.key)} has no pipeline, so it has no stage ${show(stage)}`));
    return false;
  }
  if (!scope.pipeline.stages.some((s) => s.key === stage)) {
    issues.push(error(at, 'ref.unknown-stage', `stage ${show(stage)} does not exist in pipeline ${show(scope.pipeline.key)}`));
    return false;
  }
  return true;
}

/** Issues for items of a list that repeat the identity of an earlier item (items without one are skipped). */
export function duplicateKeys<T>(items: readonly T[] | undefined, at: string, identity: (item: T) => string | undefined, prop: string, code: string, what: string): MetadataIssue[] {
  const seen = new Set<string>();
  const issues: MetadataIssue[] = [];
  (items ?? []).forEach((item, i) => {
    const id = identity(item);
    if (id === undefined) return;
    if (seen.has(id)) issues.push(error(`${at}${pointer(i, prop)}`, code, `${what} ${show(id)} is declared twice`));
    seen.add(id);
  });
  return issues;
}
