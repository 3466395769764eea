import type { MetadataIssue } from '../issues/metadata-issue';
import { documentName } from '../kinds/metadata-kind.registry';
import type { MetadataDocument } from '../metadata.generated';
import { KIND_LINTERS, type KindLinter } from './kind-linter.registry';
import { error, show } from './lint.context';
import { indexMetadata, type MetadataEntry, type MetadataIndex } from './metadata.index';

/** Checks that need every document at once: unique keys per kind, one org, one pipeline per object. */
function lintAcrossDocuments(entries: readonly MetadataEntry[]): MetadataIssue[] {
  const issues: MetadataIssue[] = [];
  const first = new Map<string, string>();
  let org: string | undefined;
  const pipelineOf = new Map<string, string>();
  for (const { source, document } of entries) {
    const id = documentName(document);
    const earlier = first.get(id);
    if (earlier !== undefined) {
      issues.push({ ...error(document.kind === 'pack' ? '/name' : '/key', 'key.duplicate', `${id} is already declared in ${earlier}`), document: source });
    } else first.set(id, source);
    if (document.kind === 'org') {
      if (org !== undefined) issues.push({ ...error('/key', 'org.multiple', `only one org tree is allowed; ${org} already declares one`), document: source });
      org ??= source;
    }
    if (document.kind === 'pipeline') {
      const claimed = pipelineOf.get(document.object);
      if (claimed !== undefined && earlier === undefined) {
        issues.push({ ...error('/object', 'pipeline.object-taken', `object ${show(document.object)} already has a pipeline in ${claimed}`), document: source });
      }
      if (claimed === undefined) pipelineOf.set(document.object, source);
    }
  }
  return issues;
}

/**
 * Cross-reference lint of documents that each passed their schema: every key a
 * document names (objects, fields, stages, flows, roles, units, options, demo refs)
 * must exist and fit, JSONata must parse. Issues carry the source of their document.
 */
export function lintMetadata(entries: readonly MetadataEntry[], index: MetadataIndex = indexMetadata(entries)): MetadataIssue[] {
  const issues = lintAcrossDocuments(entries);
  for (const { source, document } of entries) {
    const lint = KIND_LINTERS[document.kind] as KindLinter<MetadataDocument['kind']>;
    for (const issue of lint(document as never, index)) issues.push({ ...issue, document: source });
  }
  return issues;
}
