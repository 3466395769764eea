/**
 * The candidate whose turn it is: the pool in a stable order (by id), taken at
 * `position` modulo its size. The caller keeps one counter per rule and pool and bumps
 * it once per assignment, so n·k assignments give each of n candidates exactly k.
 */
export function roundRobinPick(candidates: readonly string[], position: number): string | undefined {
  if (candidates.length === 0) return undefined;
  const pool = [...new Set(candidates)].sort();
  const i = ((position % pool.length) + pool.length) % pool.length;
  return pool[i];
}
