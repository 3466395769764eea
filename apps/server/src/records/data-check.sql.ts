import type { DataCheck } from '@tessera/metadata';
import { qualifiedTable, quoteIdent } from '@tessera/engine';
import { SqlParams } from './sql/sql-params';
import type { SqlStatement } from './sql/record-select.sql';

const CONVERTIBLE: Record<string, string> = {
  number: `^\\s*-?[0-9]+(\\.[0-9]+)?\\s*$`,
  currency: `^\\s*-?[0-9]+(\\.[0-9]+)?\\s*$`,
  percent: `^\\s*-?[0-9]+(\\.[0-9]+)?\\s*$`,
  date: `^[0-9]{4}-[0-9]{2}-[0-9]{2}$`,
  email: `^[^@\\s]+@[^@\\s]+$`,
};

/**
 * One query that counts the rows (soft-deleted ones too: they can be restored)
 * that a metadata change would lose or refuse; zero means the change is safe.
 */
export function dataCheckSql(check: DataCheck, object: string, field: string | undefined, isArray: boolean): SqlStatement {
  const p = new SqlParams();
  const t = qualifiedTable(object);
  const c = field ? quoteIdent(field) : '';
  const count = (where: string) => ({ text: `SELECT count(*)::int AS "n" FROM ${t} WHERE ${where}`, values: p.values });
  switch (check.kind) {
    case 'noRows':
      return count('TRUE');
    case 'empty':
      return count(isArray ? `coalesce(cardinality(${c}), 0) > 0` : `${c} IS NOT NULL AND ${c}::text <> ''`);
    case 'noNulls':
      return count(`${c} IS NULL AND "deleted_at" IS NULL`);
    case 'unique':
      return {
        text: `SELECT count(*)::int AS "n" FROM (SELECT ${c} FROM ${t} WHERE ${c} IS NOT NULL AND "deleted_at" IS NULL GROUP BY ${c} HAVING count(*) > 1) d`,
        values: [],
      };
    case 'maxLength':
      return count(`length(${c}::text) > ${p.add(check.max, 'int')}`);
    case 'valuesIn':
      return count(isArray ? `NOT (${c} <@ ${p.add(check.values, 'text[]')})` : `${c} IS NOT NULL AND NOT (${c}::text = ANY(${p.add(check.values, 'text[]')}))`);
    case 'maxItems':
      return count(`cardinality(${c}) > ${p.add(check.max, 'int')}`);
    case 'scale':
      return count(`scale(${c}::numeric) > ${p.add(check.scale, 'int')}`);
    case 'range': {
      const parts: string[] = [];
      if (check.min !== undefined) parts.push(`${c} < ${p.add(check.min, 'numeric')}`);
      if (check.max !== undefined) parts.push(`${c} > ${p.add(check.max, 'numeric')}`);
      return count(parts.length ? `(${parts.join(' OR ')})` : 'FALSE');
    }
    case 'convertible': {
      const pattern = CONVERTIBLE[check.to];
      // Kinds without a pattern are left to the ALTER itself, which fails (and rolls back) on a bad value.
      return count(pattern ? `${c} IS NOT NULL AND NOT (${c}::text ~ ${p.add(pattern)})` : 'FALSE');
    }
  }
}
