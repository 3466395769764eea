const ISO_DURATION = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * An ISO 8601 duration as milliseconds, for run-time budgets (a webhook's timeout).
 * Years and months count as 365 and 30 days: due times of records are computed by the
 * database's interval arithmetic instead, where calendars matter. Undefined when invalid.
 */
export function durationMillis(duration: string): number | undefined {
  const m = ISO_DURATION.exec(duration);
  if (!m) return undefined;
  const [y, mo, w, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
  const days = y * 365 + mo * 30 + w * 7 + d;
  return Math.round((((days * 24 + h) * 60 + mi) * 60 + s) * 1000);
}
