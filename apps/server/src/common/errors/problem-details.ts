import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { ErrorItem } from './error-item';
import { OperationalError } from './operational.error';
import { UserError } from './user.error';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const PROBLEM_TYPE_BASE = 'https://tessera.dev/problems/';

/** RFC 9457 problem details, plus the request id and the `errors` list of this project. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance: string;
  requestId: string;
  errors: ErrorItem[];
  /** RFC 9457 extension members. */
  [extension: string]: unknown;
}

export interface ProblemContext {
  /** The request path: which occurrence this was. */
  instance: string;
  requestId: string;
}

/**
 * Maps anything thrown while serving a request to the body sent back. The one place
 * where error classes meet HTTP: user errors say everything, operational errors say
 * what failed, unexpected errors say nothing but the request id.
 */
export function toProblemDetails(error: unknown, context: ProblemContext): ProblemDetails {
  if (error instanceof UserError) {
    return {
      type: PROBLEM_TYPE_BASE + error.code,
      title: error.title,
      status: error.status,
      detail: error.detail,
      ...context,
      errors: error.errors,
      ...error.extensions,
    };
  }
  if (error instanceof OperationalError) {
    return { type: 'about:blank', title: titleOf(error.status), status: error.status, detail: error.message, ...context, errors: [] };
  }
  const http = httpStatusOf(error);
  if (http) return { type: 'about:blank', title: titleOf(http.status), status: http.status, detail: http.detail, ...context, errors: [] };
  return {
    type: 'about:blank',
    title: titleOf(500),
    status: 500,
    detail: `An unexpected error occurred. Quote request id ${context.requestId} when reporting it.`,
    ...context,
    errors: [],
  };
}

function titleOf(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

/**
 * Nest HttpExceptions, and errors raised by Express middleware (body parsing) that
 * declare themselves safe to show (`expose`, from the http-errors convention).
 */
function httpStatusOf(error: unknown): { status: number; detail?: string } | undefined {
  if (error instanceof HttpException) {
    const status = error.getStatus();
    return { status, detail: status >= 500 ? undefined : messageOf(error.getResponse()) };
  }
  if (error instanceof Error && (error as { expose?: unknown }).expose === true) {
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) return { status, detail: error.message };
  }
  return undefined;
}

function messageOf(response: string | object): string | undefined {
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.join('; ');
  return undefined;
}
