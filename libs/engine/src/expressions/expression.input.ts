/**
 * The record as expressions see it: empty (null) fields are absent, so
 * `amount - cost` with no cost yields "no value" instead of a type error,
 * which is how JSONata treats missing data everywhere else.
 */
export function expressionInput(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}
