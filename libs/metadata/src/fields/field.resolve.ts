import type { Field } from '../metadata.generated';
import type { MetadataIndex } from '../lint/metadata.index';
import { SYSTEM_FIELD_CLASSES, WRITABLE_SYSTEM_FIELDS } from './system-fields';
import { COMPUTED_FIELD_TYPES, FIELD_VALUE_CLASSES, type ValueClass } from './value-class';

/** A field as references see it: declared or system, with its value class. */
export interface ResolvedField {
  key: string;
  valueClass: ValueClass;
  /** The declaration; undefined for system fields. */
  field?: Field;
  /** Actions and imports may write it. */
  writable: boolean;
  /** Allowed values: the options of a select or multiselect field. */
  options?: readonly string[];
  /** Key of the pipeline whose stageField this is: only stage moves write it. */
  stageOf?: string;
}

function classOf(index: MetadataIndex, field: Field, depth = 0): ValueClass {
  const entry = FIELD_VALUE_CLASSES[field.type] as ValueClass | ((f: Field, child: (o: string, k: string) => ValueClass | undefined) => ValueClass);
  if (typeof entry === 'string') return entry;
  // depth guards against rollups of rollups that point at each other.
  return entry(field, (o, k) => {
    const child = depth < 8 ? index.objects.get(o)?.fields.find((f) => f.key === k) : undefined;
    return child && classOf(index, child, depth + 1);
  });
}

/** Looks a field up on an object, system fields included; undefined when it does not exist there. */
export function resolveField(index: MetadataIndex, objectKey: string, fieldKey: string): ResolvedField | undefined {
  const object = index.objects.get(objectKey);
  if (!object) return undefined;
  const systemClass = SYSTEM_FIELD_CLASSES[fieldKey];
  if (systemClass) return { key: fieldKey, valueClass: systemClass, writable: WRITABLE_SYSTEM_FIELDS.has(fieldKey) };
  const field = object.fields.find((f) => f.key === fieldKey);
  if (!field) return undefined;
  const pipeline = index.pipelineOf.get(objectKey);
  const stageOf = pipeline?.stageField === field.key ? pipeline.key : undefined;
  return {
    key: field.key,
    valueClass: classOf(index, field),
    field,
    writable: !COMPUTED_FIELD_TYPES.has(field.type) && !field.retired && stageOf === undefined,
    options: field.type === 'select' || field.type === 'multiselect' ? field.options.map((o) => o.value) : undefined,
    ...(stageOf !== undefined && { stageOf }),
  };
}
