import type { ErrorItem } from '../common/errors/error-item';
import { UserError } from '../common/errors/user.error';

/**
 * Every refusal of the files API. Status by what the sender must change: 404 what
 * they cannot see, 403 what they may not do, 413 a file too large, 415 a file of a
 * type the field does not take, 422 any other rule of the field (category, count),
 * 400 a request that is not a well-formed upload.
 */
export const objectNotFound = (object: string) =>
  new UserError({ status: 404, code: 'object-not-found', title: 'Object not found', detail: `No published object "${object}"` });

export const fieldNotFound = (object: string, field: string) =>
  new UserError({
    status: 404,
    code: 'field-not-found',
    title: 'Field not found',
    detail: `${object} has no field "${field}"`,
    errors: [{ path: `/${field}`, code: 'field.unknown', message: `no field ${field} on ${object}` }],
  });

export const notAttachmentField = (object: string, field: string, type: string) =>
  new UserError({
    status: 422,
    code: 'field-not-attachment',
    title: 'Files go to attachment fields only',
    detail: `${object}.${field} is a ${type} field`,
    errors: [{ path: `/${field}`, code: 'field.not_attachment', message: `${field} is a ${type} field, not an attachment field` }],
  });

export const fileNotFound = (id: string) =>
  new UserError({ status: 404, code: 'file-not-found', title: 'File not found', detail: `No file ${id} that you can see` });

export const fieldForbidden = (field: string, why: 'hidden' | 'read_only') =>
  new UserError({
    status: 403,
    code: 'field-forbidden',
    title: why === 'hidden' ? 'The field is not available to you' : 'The field is read-only for you',
    errors: [{ path: `/${field}`, code: `field.${why}`, message: why === 'hidden' ? `${field} is not available to you` : `${field} is read-only for you` }],
  });

/** 422: the upload breaks a rule of the field (category, count, empty file, missing file). */
export const uploadRefused = (detail: string, errors: ErrorItem[]) =>
  new UserError({ status: 422, code: 'upload-refused', title: 'The upload breaks a rule of the field', detail, errors });

export const tooManyFiles = (field: string, maxFiles: number, existing: number) =>
  uploadRefused(`${field} takes at most ${maxFiles} file(s); ${existing} attached, so at most ${Math.max(maxFiles - existing, 0)} more`, [
    { path: `/${field}`, code: 'files.too_many', message: `at most ${maxFiles} file(s); ${existing} already attached` },
  ]);

export const fileTooLarge = (field: string, fileName: string, limit: string) =>
  new UserError({
    status: 413,
    code: 'file-too-large',
    title: 'The file is larger than the field allows',
    detail: `${fileName} is larger than ${limit}, the limit of ${field}`,
    errors: [{ path: `/${field}`, code: 'file.too_large', message: `${fileName} exceeds ${limit} (the limit of ${field})` }],
    extensions: { field, limit },
  });

export const requestTooLarge = (field: string, limitBytes: number) =>
  new UserError({
    status: 413,
    code: 'request-too-large',
    title: 'The upload is larger than the field could take',
    detail: `An upload to ${field} may carry at most ${limitBytes} bytes`,
    errors: [{ path: '/file', code: 'request.too_large', message: `more than ${limitBytes} bytes` }],
    extensions: { field, limitBytes },
  });

export const fileTypeRefused = (field: string, code: string, message: string) =>
  new UserError({
    status: 415,
    code: 'file-type-refused',
    title: 'The field does not take files of this type',
    detail: message,
    errors: [{ path: `/${field}`, code, message }],
  });

export const uploadMalformed = (message: string, path = '/file', code = 'upload.malformed') =>
  new UserError({ status: 400, code: 'upload-malformed', title: 'The upload is not a valid multipart/form-data request', detail: message, errors: [{ path, code, message }] });
