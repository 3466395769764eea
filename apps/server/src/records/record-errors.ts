import type { ValidationIssue } from '@tessera/engine';
import { UserError } from '../common/errors/user.error';

export const notFound = (object: string, id: string) =>
  new UserError({ status: 404, code: 'record-not-found', title: 'Record not found', detail: `No ${object} record ${id} that you can see` });

export const unknownObject = (object: string) =>
  new UserError({ status: 404, code: 'object-not-found', title: 'Object not found', detail: `No published object "${object}"` });

export const invalidRecord = (errors: ValidationIssue[]) =>
  new UserError({ status: 422, code: 'validation-failed', title: 'The record is invalid', detail: `${errors.length} problem(s)`, errors });

export const unacknowledgedWarnings = (warnings: ValidationIssue[]) =>
  new UserError({
    status: 409,
    code: 'warnings-unacknowledged',
    title: 'The record has warnings',
    detail: `Resend with the header "Acknowledge-Warnings: ${warnings.map((w) => w.rule).join(',')}" to save anyway.`,
    errors: warnings,
    extensions: { warnings: warnings.map((w) => w.rule) },
  });

export const versionConflict = (object: string, id: string, expected: number, actual: number) =>
  new UserError({
    status: 409,
    code: 'version-conflict',
    title: 'The record was changed by someone else',
    detail: `${object} ${id} is at version ${actual}, the update was based on version ${expected}. Reload and apply your change again.`,
    errors: [{ path: '/version', code: 'version.stale', message: `expected ${expected}, current ${actual}` }],
    extensions: { currentVersion: actual },
  });

export const fieldForbidden = (keys: string[], why: 'hidden' | 'read_only') =>
  new UserError({
    status: 403,
    code: 'field-forbidden',
    title: 'Some fields may not be written',
    errors: keys.map((k) => ({ path: `/${k}`, code: `field.${why}`, message: why === 'hidden' ? `${k} is not available to you` : `${k} is read-only for you` })),
  });

export const duplicateRecord = (object: string, id: string, rule: string, field: string, message?: string) =>
  new UserError({
    status: 409,
    code: 'duplicate-record',
    title: 'A matching record already exists',
    detail: message ?? `A ${object} record with the same values exists already (rule ${rule}).`,
    errors: [{ path: `/${field}`, code: `duplicate.${rule}`, message: message ?? `duplicate of ${id}` }],
    extensions: { duplicate: { object, id, href: `/api/objects/${object}/records/${id}` } },
  });
