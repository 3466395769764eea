import { documentName } from '../kinds/metadata-kind.registry';
import type { Field, MetadataDocument, ObjectDefinition, SelectOption } from '../metadata.generated';

function withRetiredOptions(old: Field, field: Field): Field {
  if ((old.type !== 'select' && old.type !== 'multiselect') || (field.type !== 'select' && field.type !== 'multiselect')) return field;
  const kept = new Set(field.options.map((o) => o.value));
  const gone: SelectOption[] = old.options.filter((o) => !kept.has(o.value)).map((o) => ({ ...o, retired: true }));
  return gone.length ? { ...field, options: [...field.options, ...gone] } : field;
}

function keepRemovedFields(old: ObjectDefinition, next: ObjectDefinition): ObjectDefinition {
  const oldFields = new Map(old.fields.map((f) => [f.key, f]));
  const present = new Set(next.fields.map((f) => f.key));
  const fields = next.fields.map((f) => (oldFields.has(f.key) ? withRetiredOptions(oldFields.get(f.key) as Field, f) : f));
  const gone = old.fields.filter((f) => !present.has(f.key)).map((f) => ({ ...f, retired: true }));
  return { ...next, fields: [...fields, ...gone] };
}

/**
 * The non-destructive path of a publish: the new version, with every object, field
 * and select option it removes kept instead and marked retired. Their columns and
 * values stay; they disappear from forms and the API. Nothing else changes.
 */
export function retireRemoved(before: readonly MetadataDocument[], after: readonly MetadataDocument[]): MetadataDocument[] {
  const old = new Map(before.map((d) => [documentName(d), d]));
  const present = new Set(after.map(documentName));
  const kept = after.map((doc) => {
    const was = old.get(documentName(doc));
    return doc.kind === 'object' && was?.kind === 'object' ? keepRemovedFields(was, doc) : doc;
  });
  const retiredObjects = before.filter((d): d is ObjectDefinition => d.kind === 'object' && !present.has(documentName(d))).map((o) => ({ ...o, retired: true }));
  return [...kept, ...retiredObjects];
}
