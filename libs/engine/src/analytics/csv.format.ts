import type { WidgetTable } from './widget-table';

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * A table as CSV (RFC 4180: CRLF, fields with quotes, commas or line breaks quoted),
 * with a UTF-8 byte order mark so spreadsheet programs read Chinese labels right. Text
 * that a spreadsheet would run as a formula (=, +, -, @ first) gets a leading quote;
 * plain numbers, negative amounts included, stay numbers.
 */
export function toCsv(table: WidgetTable): string {
  const cell = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    let s = typeof v === 'string' ? v : String(v);
    if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s) && !PLAIN_NUMBER.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [table.columns, ...table.rows].map((row) => row.map(cell).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
