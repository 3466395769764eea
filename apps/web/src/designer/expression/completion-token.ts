/**
 * The word under the cursor of a JSONata text, and what completing it inserts.
 * Pure (no React) so the editor's behaviour is unit-tested.
 */

/** A word of the expression that completion may replace: [start, end) of the text. */
export interface CompletionToken {
  start: number;
  end: number;
  /** What is typed before the cursor (e.g. `amo` or `$su`). */
  prefix: string;
  /** `function` when the word starts with `$` (functions and variables), else `field`. */
  kind: 'field' | 'function';
}

export interface CompletionCandidate {
  /** What is inserted (`amount`, `$sum(`). */
  insert: string;
  /** What is matched against besides `insert` (a field's label). */
  label?: string;
}

// JSONata names run until an operator, a bracket, a quote or white space; this
// includes CJK, so a label typed in Chinese still completes to its field key.
const BREAK = /[\s.,;:?!=<>+\-*/%&|~^()[\]{}"'`@#$]/;

/** Whether `offset` lies inside a string literal or a back-quoted name. */
export function insideQuotes(text: string, offset: number): boolean {
  let quote: string | null = null;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote !== '`') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
  }
  return quote !== null;
}

/** The word at `cursor`, or null where nothing should be completed (in a string, a number, empty). */
export function tokenAt(text: string, cursor: number): CompletionToken | null {
  if (cursor < 0 || cursor > text.length || insideQuotes(text, cursor)) return null;
  let start = cursor;
  while (start > 0 && !BREAK.test(text[start - 1])) start--;
  let end = cursor;
  while (end < text.length && !BREAK.test(text[end])) end++;
  const dollar = start > 0 && text[start - 1] === '$';
  if (dollar) start--;
  const prefix = text.slice(start, cursor);
  if (!dollar && (prefix === '' || /^[0-9]/.test(prefix))) return null;
  return { start, end, prefix, kind: dollar ? 'function' : 'field' };
}

/** Candidates for the token: prefix matches of the key first, then matches anywhere in key or label. */
export function matchCandidates<T extends CompletionCandidate>(token: CompletionToken, candidates: T[], limit = 20): T[] {
  const needle = token.prefix.toLowerCase();
  const scored: Array<[number, T]> = [];
  for (const c of candidates) {
    const key = c.insert.toLowerCase();
    if (key === needle) continue;
    const score = key.startsWith(needle) ? 0 : key.includes(needle) ? 1 : c.label?.toLowerCase().includes(needle) ? 2 : -1;
    if (score >= 0) scored.push([score, c]);
  }
  return scored.sort((a, b) => a[0] - b[0]).slice(0, limit).map(([, c]) => c);
}

/** The text with the token replaced by `insert`, and where the cursor goes (after the insertion). */
export function applyCompletion(text: string, token: CompletionToken, insert: string): { text: string; cursor: number } {
  // A function call's "(" is not doubled when one already follows the name.
  const rest = text.slice(token.end);
  const inserted = insert.endsWith('(') && rest.startsWith('(') ? insert.slice(0, -1) : insert;
  return { text: text.slice(0, token.start) + inserted + rest, cursor: token.start + inserted.length };
}
