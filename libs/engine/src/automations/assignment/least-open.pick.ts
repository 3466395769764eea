/**
 * The candidate with the fewest open records; ties go to the smallest id, so the choice
 * is the same on every instance. Counts of candidates missing from `openCounts` are 0.
 */
export function leastOpenPick(candidates: readonly string[], openCounts: Readonly<Record<string, number>>): string | undefined {
  let best: string | undefined;
  for (const c of [...new Set(candidates)].sort()) {
    if (best === undefined || (openCounts[c] ?? 0) < (openCounts[best] ?? 0)) best = c;
  }
  return best;
}
