import { constraintName, tableName, type CompiledObject } from '@tessera/engine';
import { UserError } from '../common/errors/user.error';

interface PgError {
  code?: string;
  constraint?: string;
}

/**
 * Turns a constraint the database enforced (a relation to a missing record, a
 * duplicate unique value) into the same problem+json a rule would give, on the
 * field's pointer. Anything else is rethrown as it is.
 */
export function mapDbError(error: unknown, compiled: CompiledObject): unknown {
  const e = (error as { driverError?: PgError }).driverError ?? (error as PgError);
  if (!e?.constraint) return error;
  const table = tableName(compiled.object.key);
  for (const key of compiled.fields.keys()) {
    if (e.code === '23503' && e.constraint === constraintName('fk', table, [key])) {
      return new UserError({ status: 422, code: 'validation-failed', title: 'The record is invalid', errors: [{ path: `/${key}`, code: 'relation.missing', message: `${key} points at a record that does not exist` }] });
    }
    if (e.code === '23505' && e.constraint === constraintName('ux', table, [key])) {
      return new UserError({ status: 409, code: 'unique-violation', title: 'The value is already taken', errors: [{ path: `/${key}`, code: 'field.unique', message: `another record already has this ${key}` }] });
    }
    if (e.code === '23514' && e.constraint === constraintName('ck', table, [key])) {
      return new UserError({ status: 422, code: 'validation-failed', title: 'The record is invalid', errors: [{ path: `/${key}`, code: 'field.enum', message: `${key} is not one of the options` }] });
    }
  }
  return error;
}
