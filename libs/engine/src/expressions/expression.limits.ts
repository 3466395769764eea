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
  timeout: 250,
  stack: 200,
  sequence: 100_000,
};

/** Strings longer than this are truncated before expressions see them (regex safety). */
export const MAX_STRING_INPUT = 20_000;
