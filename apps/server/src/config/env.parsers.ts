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
