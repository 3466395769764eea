import jsonata from 'jsonata';
import { DEFAULT_EXPRESSION_LIMITS, type ExpressionLimits } from './expression.limits';
import { ExpressionError } from './expression.error';

export interface ExpressionSource {
  /** Name of the metadata document that holds the expression (for error messages). */
  document: string;
  /** JSON Pointer of the expression inside that document. */
  path: string;
  /** The JSONata text. */
  expression: string;
}

export interface CompiledExpression {
  readonly source: ExpressionSource;
  evaluate(input: unknown, bindings?: Record<string, unknown>): Promise<unknown>;
}

interface JsonataFailure {
  code?: string;
  message?: string;
  position?: number;
  token?: string;
}

function classify(err: JsonataFailure): ExpressionError['code'] {
  if (err.code === 'D1012') return 'expression.timeout';
  if (err.code === 'D1011') return 'expression.depth';
  return 'expression.evaluate';
}

/**
 * Compiles one expression with the guard options (timeout, stack depth, sequence
 * length) always set. Parse errors and runtime failures become ExpressionErrors
 * naming the document and path, so a bad expression never surfaces as a bare 500.
 */
export function compileExpression(
  source: ExpressionSource,
  limits: ExpressionLimits = DEFAULT_EXPRESSION_LIMITS,
): CompiledExpression {
  let compiled: jsonata.Expression;
  try {
    compiled = jsonata(source.expression, { timeout: limits.timeout, stack: limits.stack, sequence: limits.sequence });
  } catch (e) {
    const err = e as JsonataFailure;
    throw new ExpressionError(
      `${source.document}${source.path}: expression does not parse at position ${err.position ?? 0}: ${err.message}`,
      source.document,
      source.path,
      'expression.parse',
      err.position,
    );
  }
  return {
    source,
    async evaluate(input, bindings) {
      try {
        return await compiled.evaluate(input, bindings);
      } catch (e) {
        const err = e as JsonataFailure;
        const code = classify(err);
        throw new ExpressionError(
          `${source.document}${source.path}: expression failed (${code}): ${err.message}`,
          source.document,
          source.path,
          code,
          err.position,
        );
      }
    },
  };
}

/**
 * A cache of compiled expressions for one published metadata version: each
 * distinct expression text is compiled once and reused by every request.
 */
export class ExpressionCache {
  private readonly entries = new Map<string, CompiledExpression>();

  constructor(private readonly limits: ExpressionLimits = DEFAULT_EXPRESSION_LIMITS) {}

  get(source: ExpressionSource): CompiledExpression {
    const id = `${source.document}\u0000${source.path}\u0000${source.expression}`;
    let hit = this.entries.get(id);
    if (!hit) {
      hit = compileExpression(source, this.limits);
      this.entries.set(id, hit);
    }
    return hit;
  }

  get size(): number {
    return this.entries.size;
  }
}
