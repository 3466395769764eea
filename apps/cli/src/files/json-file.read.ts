import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { MetadataIssue } from '@tessera/metadata';

/** A whole-file problem (the file cannot be read or parsed): the pointer is the document root. */
export const fileIssue = (document: string, code: string, message: string, severity: MetadataIssue['severity'] = 'error'): MetadataIssue => ({
  document,
  path: '',
  code,
  message,
  severity,
});

/** Line and column (1-based) of a character offset, for JSON parse errors. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

/** Parses JSON text; a syntax error becomes an issue of `document` with its line and column. */
export function parseJsonText(text: string, document: string): { value?: unknown; issue?: MetadataIssue } {
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    const message = (e as Error).message;
    const at = /at position (\d+)/.exec(message);
    return { issue: fileIssue(document, 'json.syntax', `not valid JSON${at ? ` at ${lineAndColumn(text, Number(at[1]))}` : ''}: ${message}`) };
  }
}

/** Reads and parses one JSON file; `document` is the name issues carry. */
export function readJsonFile(fullPath: string, document: string): { value?: unknown; issue?: MetadataIssue } {
  let text: string;
  try {
    text = readFileSync(fullPath, 'utf8');
  } catch (e) {
    return { issue: fileIssue(document, 'file.unreadable', `cannot be read: ${(e as Error).message}`) };
  }
  return parseJsonText(text, document);
}

/** Every .json file under root, as root-relative paths with forward slashes, sorted (dot folders and node_modules skipped). */
export function jsonFilesUnder(root: string, dir = root): string[] {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return entries.flatMap((entry) => {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') return [];
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return jsonFilesUnder(root, full);
    return entry.isFile() && entry.name.endsWith('.json') ? [relative(root, full).split(sep).join('/')] : [];
  });
}
