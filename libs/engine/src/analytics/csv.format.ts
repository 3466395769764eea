import type { WidgetTable } from './widget-table';

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** The UTF-8 byte order mark every CSV starts with, so spreadsheet programs read Chinese labels right. */
export const CSV_BOM = '\uFEFF';

/**
 * One CSV line (RFC 4180: fields with quotes, commas or line breaks quoted), ended by
 * CRLF. Text that a spreadsheet would run as a formula (=, +, -, @ first) gets a leading
 * quote; plain numbers, negative amounts included, stay numbers. Streamed exports write
 * the BOM, then line after line.
 */
export function csvLine(values: readonly unknown[]): string {
  const cell = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    let s = typeof v === 'string' ? v : String(v);
    if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s) && !PLAIN_NUMBER.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return values.map(cell).join(',') + '\r\n';
}

/** A table as CSV with the byte order mark (see csvLine). */
export function toCsv(table: WidgetTable): string {
  return CSV_BOM + [table.columns, ...table.rows].map(csvLine).join('');
}
