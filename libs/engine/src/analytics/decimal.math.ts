/**
 * Exact decimal arithmetic for money figures (sums come from PostgreSQL numeric as
 * strings; they never pass through a float). Values are scaled integers with SCALE
 * digits after the point: enough for an amount of up to 4 decimals times a whole
 * percentage divided by 100.
 */
const SCALE = 6;
const FACTOR = 10n ** BigInt(SCALE);
const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** A decimal string ("1234.5", "-0.07") as a scaled integer; throws on anything else. */
export function toScaled(value: string | number): bigint {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const m = DECIMAL.exec(text);
  if (!m) throw new RangeError(`not a decimal: ${JSON.stringify(value)}`);
  const [, minus, whole, frac = ''] = m;
  if (frac.length > SCALE) throw new RangeError(`more than ${SCALE} decimals: ${text}`);
  const units = BigInt(whole) * FACTOR + BigInt(frac.padEnd(SCALE, '0'));
  return minus ? -units : units;
}

/** A scaled integer as a decimal string with `digits` decimals, rounded half away from zero (as PostgreSQL's round). */
export function fromScaled(units: bigint, digits = 2): string {
  const drop = 10n ** BigInt(SCALE - digits);
  const negative = units < 0n;
  const abs = negative ? -units : units;
  let kept = abs / drop;
  if ((abs % drop) * 2n >= drop) kept += 1n;
  const unit = 10n ** BigInt(digits);
  const whole = (kept / unit).toString();
  const frac = digits > 0 ? '.' + (kept % unit).toString().padStart(digits, '0') : '';
  return `${negative && kept !== 0n ? '-' : ''}${whole}${frac}`;
}

/** The sum of decimal strings, as a decimal string with 2 decimals. */
export function decimalSum(values: ReadonlyArray<string | number>): string {
  return fromScaled(values.reduce<bigint>((sum, v) => sum + toScaled(v), 0n));
}

/** amount × percent / 100, exactly (scaled). */
export function weightedScaled(amount: string | number, percent: number): bigint {
  if (!Number.isInteger(percent)) throw new RangeError(`percent must be whole: ${percent}`);
  return (toScaled(amount) * BigInt(percent)) / 100n;
}
