import { UserError } from './errors/user.error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids reach SQL as `uuid` parameters; anything else would be a database error, not a 404. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** A record id from a URL: a UUID (lower-cased), else the record is not found (404), never a SQL error. */
export function recordIdParam(id: string): string {
  if (!isUuid(id)) throw new UserError({ status: 404, code: 'record-not-found', title: 'Record not found', detail: `${id} is not a record id` });
  return id.toLowerCase();
}
