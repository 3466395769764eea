import path from 'node:path';

/** Outcome of reading one raw environment value; `expected` finishes "NAME must be …". */
export type Parsed<T> = { ok: true; value: T } | { ok: false; expected: string };

export type EnvParser<T> = (raw: string) => Parsed<T>;

export function integerIn(min: number, max: number): EnvParser<number> {
  return (raw) => {
    const value = Number(raw);
    return /^\d+$/.test(raw) && value >= min && value <= max
      ? { ok: true, value }
      : { ok: false, expected: `an integer ${min}-${max}` };
  };
}

export function oneOf<T extends string>(values: readonly T[]): EnvParser<T> {
  return (raw) =>
    (values as readonly string[]).includes(raw)
      ? { ok: true, value: raw as T }
      : { ok: false, expected: `one of ${values.join(', ')}` };
}

/** A URL whose scheme is one of `protocols` (given without "://", e.g. "postgres"). */
export function urlWithScheme(protocols: readonly string[]): EnvParser<string> {
  const expected = `a ${protocols.map((p) => `${p}://`).join(' or ')} URL`;
  return (raw) => {
    try {
      const url = new URL(raw);
      return protocols.includes(url.protocol.replace(/:$/, '')) && url.hostname !== ''
        ? { ok: true, value: raw }
        : { ok: false, expected };
    } catch {
      return { ok: false, expected };
    }
  };
}

/** A filesystem path, made absolute against the working directory the server was started in. */
export const absolutePath: EnvParser<string> = (raw) => ({ ok: true, value: path.resolve(raw) });

export const hostName: EnvParser<string> = (raw) =>
  /^[A-Za-z0-9.:-]+$/.test(raw) ? { ok: true, value: raw } : { ok: false, expected: 'a host name or IP address' };

const DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** An ISO 8601 duration of days, hours, minutes and seconds (`PT15M`, `P30D`), as whole seconds within [min, max]. */
export function durationSeconds(min: number, max: number): EnvParser<number> {
  const expected = `an ISO 8601 duration such as PT15M or P30D, ${min}-${max} seconds`;
  return (raw) => {
    const m = DURATION.exec(raw);
    if (!m || raw === 'P' || raw.endsWith('T')) return { ok: false, expected };
    const [d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
    const seconds = ((d * 24 + h) * 60 + mi) * 60 + s;
    return seconds >= min && seconds <= max ? { ok: true, value: seconds } : { ok: false, expected };
  };
}

/** Free text of at least `min` characters (secrets, passwords). */
export function textOfLength(min: number): EnvParser<string> {
  return (raw) => (raw.length >= min ? { ok: true, value: raw } : { ok: false, expected: `at least ${min} characters` });
}

const DURATION_MS = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?$/;

/** A short ISO 8601 duration with fractional seconds (`PT1S`, `PT0.2S`, `PT5M`), as whole milliseconds within [min, max]. */
export function durationMillis(min: number, max: number): EnvParser<number> {
  const expected = `an ISO 8601 duration such as PT1S or PT0.25S, ${min}-${max} ms`;
  return (raw) => {
    const m = DURATION_MS.exec(raw);
    if (!m || raw === 'PT') return { ok: false, expected };
    const [h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
    const ms = Math.round(((h * 60 + mi) * 60 + s) * 1000);
    return ms >= min && ms <= max ? { ok: true, value: ms } : { ok: false, expected };
  };
}

/**
 * A comma-separated list of names matching `pattern` (pack names), or `none` for an empty
 * list. Order is kept; repeats are dropped.
 */
export function nameList(pattern: RegExp, what: string): EnvParser<string[]> {
  const expected = `none or a comma-separated list of ${what}`;
  return (raw) => {
    if (raw.trim().toLowerCase() === 'none') return { ok: true, value: [] };
    const names = [...new Set(raw.split(',').map((n) => n.trim()).filter((n) => n !== ''))];
    return names.length > 0 && names.every((n) => pattern.test(n)) ? { ok: true, value: names } : { ok: false, expected };
  };
}
