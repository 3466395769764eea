/**
 * Guard rails for every JSONata evaluation. JSONata checks its timeout between
 * steps only, so regex-heavy inputs are additionally capped by input length
 * (see MAX_STRING_INPUT) before they reach an expression.
 */
export interface ExpressionLimits {
  /** Milliseconds an evaluation may run. */
  timeout: number;
  /** Maximum evaluation depth (recursion). */
  stack: number;
  /** Maximum length of a generated sequence. */
  sequence: number;
}

export const DEFAULT_EXPRESSION_LIMITS: ExpressionLimits = {
  // Wall-clock time between JSONata's steps: a loaded machine stretches even a trivial
  // formula past 250 ms (seen seeding a pack at load 11 on 2 cores); a runaway expression
  // is still cut off within a second, and depth and sequence limits stop most earlier.
  timeout: 1000,
  stack: 200,
  sequence: 100_000,
};

/** Strings longer than this are truncated before expressions see them (regex safety). */
export const MAX_STRING_INPUT = 20_000;
