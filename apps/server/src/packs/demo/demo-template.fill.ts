import { pick, type Random } from './seeded-random';

/**
 * Fills a demo text template: {n} and {n:6} (the running number, zero-padded to 6),
 * {=field} (a value generated before), and any other {name} from `vars` (fixed text)
 * or `pools` (a random entry each time).
 */
export function fillTemplate(
  template: string,
  n: number,
  rand: Random,
  opts: { pools?: Readonly<Record<string, readonly string[]>>; vars?: Readonly<Record<string, string>>; values?: Readonly<Record<string, unknown>> } = {},
): string {
  return template.replace(/\{([^}]*)\}/g, (whole, name: string) => {
    const num = /^n(?::(\d+))?$/.exec(name);
    if (num) return String(n).padStart(Number(num[1] ?? 1), '0');
    if (name.startsWith('=')) {
      const v = opts.values?.[name.slice(1)];
      return v === null || v === undefined ? '' : String(v);
    }
    if (opts.vars && name in opts.vars) return opts.vars[name];
    const pool = opts.pools?.[name];
    return pool ? pick(rand, pool) : whole;
  });
}
