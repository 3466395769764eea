import type { DuplicateRule, Field, FormulaField, ObjectDefinition, ValidationRule } from '@tessera/metadata';
import type { ValidateFunction } from 'ajv/dist/2020';
import type { CompiledExpression, ExpressionCache } from '../expressions/expression.compile';
import { orderFormulas } from './formula.compute';
import { compileRecordSchema } from './record.ajv';
import { activeFields, buildRecordSchemas, writableFields, type RecordSchemas } from './record-schema.build';

export interface CompiledRule {
  rule: ValidationRule;
  expression: CompiledExpression;
}

/**
 * Everything the engine needs to validate and compute records of one object,
 * prepared once per published version and then shared by every request.
 */
export interface CompiledObject {
  object: ObjectDefinition;
  fields: Map<string, Field>;
  writable: Set<string>;
  schemas: RecordSchemas;
  validateCreate: ValidateFunction;
  validateUpdate: ValidateFunction;
  rules: CompiledRule[];
  formulas: FormulaField[];
  duplicateRules: DuplicateRule[];
  expressions: ExpressionCache;
}

export function compileObject(object: ObjectDefinition, expressions: ExpressionCache): CompiledObject {
  const schemas = buildRecordSchemas(object);
  return {
    object,
    fields: new Map(activeFields(object).map((f) => [f.key, f])),
    writable: new Set(writableFields(object).map((f) => f.key)),
    schemas,
    validateCreate: compileRecordSchema(schemas.create),
    validateUpdate: compileRecordSchema(schemas.update),
    rules: (object.rules ?? []).map((rule, i) => ({
      rule,
      expression: expressions.get({ document: `object:${object.key}`, path: `/rules/${i}/expression`, expression: rule.expression }),
    })),
    formulas: orderFormulas(object),
    duplicateRules: object.duplicateRules ?? [],
    expressions,
  };
}
