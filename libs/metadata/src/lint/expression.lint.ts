import jsonata from 'jsonata';
import type { MetadataIssue } from '../issues/metadata-issue';
import { error } from './lint.context';

interface JsonataParseError {
  code?: string;
  message?: string;
  position?: number;
}

/**
 * Parses a JSONata expression without evaluating it, so a syntax error is reported
 * at publish time with its position instead of failing a request later.
 */
export function lintExpression(expression: string, at: string): MetadataIssue[] {
  try {
    jsonata(expression);
    return [];
  } catch (e) {
    const err = e as JsonataParseError;
    return [error(at, 'expression.syntax', `JSONata does not parse at position ${err.position ?? 0}: ${err.message ?? String(e)}${err.code ? ` (${err.code})` : ''}`)];
  }
}
