/** A pseudo-random number in [0, 1). */
export type Random = () => number;

/**
 * mulberry32: small, fast and good enough for demo data. The same seed always yields
 * the same sequence, so an import produces the same records every time.
 */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed from text (FNV-1a), for documents that name none. */
export function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** One of `values`, weighted when `weights` are given (same length, at least one above zero). */
export function pick<T>(rand: Random, values: readonly T[], weights?: readonly number[]): T {
  if (!weights) return values[Math.floor(rand() * values.length)];
  const total = weights.reduce((s, w) => s + w, 0);
  let r = rand() * total;
  for (let i = 0; i < values.length; i++) {
    r -= weights[i];
    if (r < 0) return values[i];
  }
  return values[values.length - 1];
}
