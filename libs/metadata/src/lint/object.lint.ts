import type { MetadataIssue } from '../issues/metadata-issue';
import type { Field, ObjectDefinition } from '../metadata.generated';
import { lintExpression } from './expression.lint';
import { lintFormulaCycles } from './formula-cycle.lint';
import { requireRelationTo } from './condition.lint';
import { duplicateKeys, error, requireField, requireObject, show } from './lint.context';
import type { MetadataIndex } from './metadata.index';

type FieldLinter<F extends Field> = (field: F, object: ObjectDefinition, at: string, index: MetadataIndex, issues: MetadataIssue[]) => void;

function lintOptions(field: Extract<Field, { type: 'select' | 'multiselect' }>, _object: ObjectDefinition, at: string, _index: MetadataIndex, issues: MetadataIssue[]): void {
  issues.push(...duplicateKeys(field.options, at + '/options', (o) => o.value, 'value', 'option.duplicate', 'option'));
  const values = field.options.map((o) => o.value);
  const defaults = field.default === undefined ? [] : Array.isArray(field.default) ? field.default : [field.default];
  if (defaults.some((d) => typeof d !== 'string' || !values.includes(d))) issues.push(error(at + '/default', 'ref.unknown-option', `default ${show(field.default)} is not an option`));
}

/** Checks of the field types that refer to something; the other types have none. */
const FIELD_LINTERS: { [T in Field['type']]?: FieldLinter<Extract<Field, { type: T }>> } = {
  relation: (f, _object, at, index, issues) => {
    requireObject(index, f.target, at + '/target', issues);
  },
  rollup: (f, object, at, index, issues) => {
    if (!requireObject(index, f.object, at + '/object', issues)) return;
    requireRelationTo({ index }, f.object, f.via, object.key, at + '/via', issues);
    if (f.aggregate === 'count') return;
    if (f.field === undefined) issues.push(error(at + '/field', 'rollup.field-required', `aggregate ${f.aggregate} needs the child field it aggregates`));
    else requireField({ index }, f.object, f.field, at + '/field', issues, f.aggregate === 'sum' ? ['number'] : ['number', 'date', 'datetime'], `aggregate ${f.aggregate}`);
  },
  formula: (f, _object, at, _index, issues) => {
    issues.push(...lintExpression(f.expression, at + '/expression'));
  },
  select: lintOptions,
  multiselect: lintOptions,
  attachment: (f, _object, at, _index, issues) => {
    issues.push(...duplicateKeys(f.categories, at + '/categories', (c) => c.key, 'key', 'category.duplicate', 'attachment category'));
  },
};

function lintField(object: ObjectDefinition, field: Field, at: string, index: MetadataIndex, issues: MetadataIssue[]): void {
  (FIELD_LINTERS[field.type] as FieldLinter<Field> | undefined)?.(field, object, at, index, issues);
}

/** Fields, rules and duplicate rules of an object refer to fields that exist, with unique keys. */
export function lintObject(object: ObjectDefinition, index: MetadataIndex): MetadataIssue[] {
  const issues: MetadataIssue[] = [];
  issues.push(...duplicateKeys(object.fields, '/fields', (f) => f.key, 'key', 'field.duplicate', 'field'));
  object.fields.forEach((f, i) => lintField(object, f, `/fields/${i}`, index, issues));
  issues.push(...lintFormulaCycles(object));
  if (object.titleField !== undefined) requireField({ index }, object.key, object.titleField, '/titleField', issues);

  issues.push(...duplicateKeys(object.rules, '/rules', (r) => r.key, 'key', 'rule.duplicate', 'rule'));
  (object.rules ?? []).forEach((r, i) => {
    issues.push(...lintExpression(r.expression, `/rules/${i}/expression`));
    if (r.field !== undefined) requireField({ index }, object.key, r.field, `/rules/${i}/field`, issues);
  });

  issues.push(...duplicateKeys(object.duplicateRules, '/duplicateRules', (r) => r.key, 'key', 'rule.duplicate', 'duplicate rule'));
  (object.duplicateRules ?? []).forEach((r, i) => r.fields.forEach((f, j) => requireField({ index }, object.key, f, `/duplicateRules/${i}/fields/${j}`, issues)));
  return issues;
}
