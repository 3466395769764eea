import { UserError, type UserErrorOptions } from '../../common/errors/user.error';

/** A refusal that ends by itself (lockout, rate limit): answered with a Retry-After header. */
export class RetryLaterError extends UserError {
  constructor(
    options: UserErrorOptions,
    readonly retryAfterSeconds: number,
  ) {
    super(options);
  }
}
