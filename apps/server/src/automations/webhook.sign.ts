import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header carrying the signature: `sha256=<hex HMAC-SHA256 of the raw body>`. */
export const SIGNATURE_HEADER = 'x-tessera-signature';

export function signWebhook(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** What a receiver does: recompute over the raw bytes and compare in constant time. */
export function verifyWebhook(secret: string, body: string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signWebhook(secret, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * The secret a webhook names lives in the environment as WEBHOOK_SECRET_<NAME>: metadata
 * only names it, and cannot point at other settings (JWT_SECRET, DATABASE_URL).
 */
export function webhookSecret(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[`WEBHOOK_SECRET_${name.toUpperCase()}`];
  return value === undefined || value === '' ? undefined : value;
}
