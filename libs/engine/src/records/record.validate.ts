import { expressionInput } from '../expressions/expression.input';
import { computeFormulas } from './formula.compute';
import type { CompiledObject } from './object.compile';
import { ajvErrorCode, ajvErrorPath } from './record.ajv';
import { pointer, type Locale, type ValidationIssue } from './validation-issue';

export interface RecordWrite {
  mode: 'create' | 'update';
  /** The field values sent by the writer (system keys already removed). */
  input: Record<string, unknown>;
  /** The stored record, for updates. */
  previous?: Record<string, unknown>;
  locale?: Locale;
}

export interface RecordValidation {
  /** Blocking problems: schema violations and rules of severity error (HTTP 422). */
  errors: ValidationIssue[];
  /** Rules of severity warning (HTTP 409 until acknowledged). */
  warnings: ValidationIssue[];
  /** The full record after the write: previous values, input, defaults and formulas. */
  record: Record<string, unknown>;
  /** Values to store: input, defaults (on create) and recomputed formulas. */
  changes: Record<string, unknown>;
}

const isEmpty = (v: unknown): boolean => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * Validates one write: the object's JSON Schema first (types, limits, unknown or
 * read-only fields), then required fields that would be left empty, then formulas
 * are computed and the JSONata rules run over the resulting record. Pure: the
 * caller supplies the stored record and applies the returned changes.
 */
export async function validateRecord(compiled: CompiledObject, write: RecordWrite): Promise<RecordValidation> {
  const { object } = compiled;
  const locale = write.locale ?? 'zh-CN';
  const errors: ValidationIssue[] = [];
  const warnings: ValidationIssue[] = [];

  // null means "clear this field": schema-check only the values being set.
  const setting = Object.fromEntries(Object.entries(write.input).filter(([, v]) => v !== null));
  const validate = write.mode === 'create' ? compiled.validateCreate : compiled.validateUpdate;
  if (!validate(setting)) {
    for (const e of validate.errors ?? []) {
      const path = ajvErrorPath(e);
      const key = path.split('/')[1];
      const notWritable = e.keyword === 'additionalProperties' && compiled.fields.has(key);
      errors.push({
        path,
        code: notWritable ? 'field.read_only' : ajvErrorCode(e),
        message: notWritable ? `${key} is computed or read-only and cannot be written` : `${key ?? 'record'} ${e.message}`,
      });
    }
  }

  const changes: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(write.input)) {
    if (compiled.writable.has(k)) changes[k] = v;
    else if (v === null && !errors.some((e) => e.path === pointer(k))) {
      errors.push({ path: pointer(k), code: compiled.fields.has(k) ? 'field.read_only' : 'field.not_writable', message: `${k} cannot be written` });
    }
  }
  if (write.mode === 'create') {
    for (const f of compiled.fields.values()) {
      if (compiled.writable.has(f.key) && changes[f.key] === undefined && f.default !== undefined) changes[f.key] = f.default;
    }
  }
  const record: Record<string, unknown> = { ...(write.previous ?? {}), ...changes };

  for (const f of compiled.fields.values()) {
    if (!f.required || !compiled.writable.has(f.key)) continue;
    const touched = write.mode === 'create' || f.key in write.input;
    if (touched && isEmpty(record[f.key]) && !errors.some((e) => e.path === pointer(f.key))) {
      errors.push({ path: pointer(f.key), code: 'field.required', message: `${f.label[locale]} is required` });
    }
  }
  if (errors.length > 0) return { errors, warnings, record, changes };

  Object.assign(changes, await computeFormulas(object, compiled.formulas, record, compiled.expressions));
  Object.assign(record, changes);

  const input = expressionInput(record);
  const old = write.previous ? expressionInput(write.previous) : null;
  for (const { rule, expression } of compiled.rules) {
    const when = rule.when ?? 'always';
    if (when !== 'always' && when !== write.mode) continue;
    const ok = await expression.evaluate(input, { old });
    // An expression that yields nothing (e.g. a comparison with an empty field) does not fail the rule.
    if (ok === false) {
      const issue = { path: rule.field ? pointer(rule.field) : '', code: `rule.${rule.key}`, message: rule.message[locale], rule: rule.key };
      (rule.severity === 'error' ? errors : warnings).push(issue);
    }
  }
  return { errors, warnings, record, changes };
}
