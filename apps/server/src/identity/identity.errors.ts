import type { ErrorItem } from '../common/errors/error-item';
import { UserError } from '../common/errors/user.error';

/** 401: no usable credentials. `code` tells a client whether refreshing could help (token-expired). */
export function unauthenticated(detail: string, code = 'unauthenticated'): UserError {
  return new UserError({ status: 401, code, title: 'Not signed in', detail });
}

/** 403: signed in, but not allowed. */
export function forbidden(detail: string, code = 'forbidden', errors: ErrorItem[] = []): UserError {
  return new UserError({ status: 403, code, title: 'Not allowed', detail, errors });
}

export function notFound(what: string, id: string): UserError {
  return new UserError({ status: 404, code: 'not-found', title: 'Not found', detail: `No ${what} ${id}` });
}

/** 409: the change conflicts with the current state (last admin, unit with members). */
export function conflict(code: string, detail: string, errors: ErrorItem[] = []): UserError {
  return new UserError({ status: 409, code, title: 'Conflict', detail, errors });
}

/** 400: the body is not what the endpoint takes; one item per problem. */
export function bodyInvalid(errors: ErrorItem[]): UserError {
  return new UserError({ status: 400, code: 'body-invalid', title: 'The request body is not valid', detail: errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors });
}
