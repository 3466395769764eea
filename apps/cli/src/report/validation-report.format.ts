import type { MetadataIssue, PackManifest } from '@tessera/metadata';

export interface ValidationReport {
  valid: boolean;
  /** The pack validated, for `tessera pack validate`; null when none (or its manifest is invalid). */
  pack: { name: string; version: string } | null;
  /** Documents read (a pack's manifest not counted). */
  documents: number;
  issues: MetadataIssue[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function summarize(report: ValidationReport): string {
  const errors = report.issues.filter((i) => i.severity === 'error').length;
  const warnings = report.issues.length - errors;
  const counts = `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(report.documents, 'document')}`;
  return `${report.valid ? 'valid' : 'invalid'}: ${counts}`;
}

/**
 * One issue as `file:pointer: message [code]`, the form editors and CI logs link from.
 * The pointer is the JSON Pointer into the file ('' for the whole file); warnings say so
 * before the message, errors do not. Always one line (JSON parse messages quote the
 * source across lines), so each line is one issue.
 */
export function formatIssue(issue: MetadataIssue): string {
  const severity = issue.severity === 'warning' ? 'warning: ' : '';
  const message = issue.message.replace(/\s*[\r\n]+\s*/g, ' ');
  return `${issue.document ?? ''}:${issue.path}: ${severity}${message} [${issue.code}]`;
}

/** Every issue on its line, in the order found (grouped by file), then the one-line summary. */
export function formatText(report: ValidationReport): string {
  const lines: string[] = [];
  if (report.pack) lines.push(`pack ${report.pack.name} ${report.pack.version}`);
  lines.push(...report.issues.map(formatIssue), summarize(report));
  return lines.join('\n') + '\n';
}

/** The report as one JSON document, for CI and for tools. */
export function formatJson(report: ValidationReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}

export function packIdentity(manifest: PackManifest | undefined): ValidationReport['pack'] {
  return manifest ? { name: manifest.name, version: manifest.version } : null;
}
