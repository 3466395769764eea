import type { MetadataIssue, PackManifest } from '@tessera/metadata';

export interface ValidationReport {
  valid: boolean;
  pack: { name: string; version: string } | null;
  /** Documents read (the manifest not counted). */
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

/** Issues grouped by document, one line each: pointer, severity, code, message. */
export function formatText(report: ValidationReport): string {
  const lines: string[] = [];
  if (report.pack) lines.push(`pack ${report.pack.name} ${report.pack.version}`);
  const byDocument = new Map<string, MetadataIssue[]>();
  for (const issue of report.issues) {
    const doc = issue.document ?? '';
    byDocument.set(doc, [...(byDocument.get(doc) ?? []), issue]);
  }
  for (const [document, issues] of byDocument) {
    lines.push('', document);
    for (const i of issues) lines.push(`  ${i.path || '/'}  ${i.severity}  ${i.code}  ${i.message}`);
  }
  lines.push('', summarize(report));
  return lines.join('\n') + '\n';
}

/** The report as one JSON document, for CI and for tools. */
export function formatJson(report: ValidationReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}

export function packIdentity(manifest: PackManifest | undefined): ValidationReport['pack'] {
  return manifest ? { name: manifest.name, version: manifest.version } : null;
}
