/**
 * A share or rate: `part / whole`, or null when there is no whole (0 or unknown), so a
 * chart shows a gap instead of a made-up 0% or a division error.
 */
export function ratio(part: number | null | undefined, whole: number | null | undefined): number | null {
  if (part === null || part === undefined || whole === null || whole === undefined || whole === 0) return null;
  return part / whole;
}

/**
 * Relative shortening of a duration between two periods, the seed's formula
 * (old − new) / old: 87 days before and 63 after is 0.276. Null without both values or
 * when the old one is 0; negative when the cycle got longer.
 */
export function shortening(oldValue: number | null | undefined, newValue: number | null | undefined): number | null {
  if (oldValue === null || oldValue === undefined || newValue === null || newValue === undefined || oldValue === 0) return null;
  return (oldValue - newValue) / oldValue;
}
