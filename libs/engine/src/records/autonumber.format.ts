/**
 * Autonumber patterns such as `Q-{YYYY}-{seq:6}`. The counter is kept per scope:
 * the pattern with its date tokens filled in, so `Q-2026-` and `Q-2027-` each
 * start at 1 while a pattern without dates counts forever.
 */
const DATE_TOKENS: Record<string, (d: Date) => string> = {
  YYYY: (d) => String(d.getUTCFullYear()),
  YY: (d) => String(d.getUTCFullYear()).slice(-2),
  MM: (d) => String(d.getUTCMonth() + 1).padStart(2, '0'),
  DD: (d) => String(d.getUTCDate()).padStart(2, '0'),
};

const fillDates = (pattern: string, at: Date): string =>
  pattern.replace(/\{(YYYY|YY|MM|DD)\}/g, (_, t: string) => DATE_TOKENS[t](at));

/** The counter scope of a pattern at a moment (the key of its sequence row). */
export function autonumberScope(pattern: string, at: Date): string {
  return fillDates(pattern, at).replace(/\{seq(:\d+)?\}/g, '{seq}');
}

/** The number for the n-th record of a scope. */
export function formatAutonumber(pattern: string, at: Date, seq: number): string {
  return fillDates(pattern, at).replace(/\{seq(?::(\d+))?\}/g, (_, width?: string) => String(seq).padStart(Number(width ?? 1), '0'));
}
