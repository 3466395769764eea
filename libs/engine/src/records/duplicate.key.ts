import type { DuplicateRule } from '@tessera/metadata';

function normalize(value: unknown, mode: DuplicateRule['normalize']): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  switch (mode ?? 'lowercase') {
    case 'none':
      return text;
    case 'lowercase':
      return text.trim().toLowerCase();
    case 'alnum':
      // Letters and digits of any script: "上海 阀门-有限公司" and "上海阀门有限公司" collide.
      return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  }
}

/**
 * The normalized identity of a record under a duplicate rule, or null when one
 * of its fields is empty (an empty tax id matches nothing). The server stores it
 * in an indexed hidden column per rule, so the check is one equality in SQL and
 * normalization is written once, here.
 */
export function duplicateKey(rule: DuplicateRule, record: Record<string, unknown>): string | null {
  const out: string[] = [];
  for (const f of rule.fields) {
    const v = record[f];
    if (v === null || v === undefined || v === '') return null;
    out.push(normalize(v, rule.normalize));
  }
  return out.join('\u001f');
}

/** The hidden column that holds a duplicate rule's key. */
export const duplicateColumn = (rule: DuplicateRule): string => `_dup_${rule.key}`.slice(0, 63);
