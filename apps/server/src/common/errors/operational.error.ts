/**
 * Something outside the code failed (database, Redis, a webhook target, the disk) and
 * retrying later may help. The message is written for operators and is shown to the
 * user as the detail; the cause stays in the logs.
 */
export class OperationalError extends Error {
  readonly status: number;

  constructor(message: string, options: { cause?: unknown; status?: number } = {}) {
    super(message, { cause: options.cause });
    this.name = 'OperationalError';
    this.status = options.status ?? 503;
  }
}
