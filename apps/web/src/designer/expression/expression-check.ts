import { compileExpression, DEFAULT_EXPRESSION_LIMITS, ExpressionError, expressionInput, type CompiledExpression } from '@tessera/engine';
import { errorOffset, lineColumn } from './text-position';

export type ExpressionCheck =
  | { ok: true; compiled: CompiledExpression }
  | { ok: false; message: string; offset: number; line: number; column: number };

export type SampleResult = { ok: true; value: unknown } | { ok: false; message: string; code: string };

// The engine prefixes its messages with the document and path; the editor shows the JSONata part.
const stripPrefix = (message: string) => message.replace(/^.*?: expression (does not parse at position \d+|failed \([^)]*\)): /s, '');

/**
 * Compiles the text with the engine's own wrapper (the server's limits), so the editor
 * refuses exactly what publishing would; a parse error comes with its line and column.
 */
export function checkExpression(text: string, where = { document: 'designer', path: '' }): ExpressionCheck {
  try {
    return { ok: true, compiled: compileExpression({ ...where, expression: text }, DEFAULT_EXPRESSION_LIMITS) };
  } catch (e) {
    if (!(e instanceof ExpressionError)) throw e;
    const offset = errorOffset(text, e.position);
    return { ok: false, message: stripPrefix(e.message), offset, ...lineColumn(text, offset) };
  }
}

/** Runs a compiled expression over a sample record the way the server does (empty fields absent). */
export async function evaluateOnSample(compiled: CompiledExpression, sample: Record<string, unknown>, bindings?: Record<string, unknown>): Promise<SampleResult> {
  try {
    return { ok: true, value: await compiled.evaluate(expressionInput(sample), bindings) };
  } catch (e) {
    if (!(e instanceof ExpressionError)) throw e;
    return { ok: false, message: stripPrefix(e.message), code: e.code };
  }
}
