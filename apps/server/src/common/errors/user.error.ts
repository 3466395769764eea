import type { ErrorItem } from './error-item';

export interface UserErrorOptions {
  /** 4xx status; 422 (the request is understood but breaks a rule) unless said otherwise. */
  status?: number;
  /** Stable machine-readable slug, e.g. `validation-failed`; becomes the problem `type`. */
  code: string;
  /** Short summary that does not change between occurrences. */
  title: string;
  /** What went wrong this time, in words for the person who sent the request. */
  detail?: string;
  errors?: ErrorItem[];
  /** Extra members of the problem body (RFC 9457 extensions), e.g. a link to the existing duplicate. */
  extensions?: Record<string, unknown>;
}

/**
 * The request cannot be served as sent and the sender can fix it (validation, a blocked
 * stage move, a missing record). Everything in it is shown to the user.
 */
export class UserError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail?: string;
  readonly errors: ErrorItem[];
  readonly extensions?: Record<string, unknown>;

  constructor(options: UserErrorOptions) {
    super(options.detail ?? options.title);
    this.name = 'UserError';
    this.status = options.status ?? 422;
    if (this.status < 400 || this.status > 499) throw new RangeError(`UserError status must be 4xx, got ${this.status}`);
    this.code = options.code;
    this.title = options.title;
    this.detail = options.detail;
    this.errors = options.errors ?? [];
    this.extensions = options.extensions;
  }
}
