import type { SortKey } from '@tessera/engine';
import { quoteIdent } from '@tessera/engine';
import type { SqlParams } from './sql-params';

/** The sort values and id of the last row of a page, opaque to clients. */
export interface Cursor {
  values: unknown[];
  id: string;
}

export const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify(c)).toString('base64url');

export function decodeCursor(raw: string, sortLength: number): Cursor | undefined {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor;
    if (!Array.isArray(c.values) || c.values.length !== sortLength || typeof c.id !== 'string') return undefined;
    return c;
  } catch {
    return undefined;
  }
}

/**
 * Keyset pagination: rows strictly after the cursor in (sort..., id) order.
 * PostgreSQL sorts NULLs last ascending and first descending; the predicate
 * follows the same rule so pages neither skip nor repeat rows.
 *
 * The OR of branches alone is no index condition: a deep page would walk the index from
 * the start and filter (measured: 11.5 ms instead of 0.13 ms at 100k rows). So the first
 * sort key also gets a plain range bound the index can seek to — always when descending
 * from a value (NULLs come first there, so none follow), and ascending when the column
 * holds no NULLs (`firstNotNull`; NULLs would follow any value).
 */
export function cursorSql(sort: SortKey[], cursor: Cursor, casts: string[], p: SqlParams, firstNotNull = false): string {
  const eq: string[] = [];
  const branches: string[] = [];
  sort.forEach((s, i) => {
    const col = quoteIdent(s.field);
    const v = cursor.values[i];
    let after: string;
    if (s.direction === 'asc') after = v === null ? 'FALSE' : `(${col} > ${p.add(v, casts[i])} OR ${col} IS NULL)`;
    else after = v === null ? `${col} IS NOT NULL` : `${col} < ${p.add(v, casts[i])}`;
    branches.push([...eq, after].join(' AND '));
    eq.push(v === null ? `${col} IS NULL` : `${col} = ${p.add(v, casts[i])}`);
  });
  // The id tie-breaker runs in the first key's direction, so (created_at, id) indexes serve both ways.
  const idOp = sort[0]?.direction === 'desc' ? '<' : '>';
  branches.push([...eq, `"id" ${idOp} ${p.add(cursor.id, 'uuid')}`].join(' AND '));
  const after = `(${branches.map((b) => `(${b})`).join(' OR ')})`;
  const first = sort[0];
  const v = cursor.values[0];
  if (!first || v === null) return after;
  const col = quoteIdent(first.field);
  if (first.direction === 'desc') return `${col} <= ${p.add(v, casts[0])} AND ${after}`;
  return firstNotNull ? `${col} >= ${p.add(v, casts[0])} AND ${after}` : after;
}
