/** Object tables live in their own PostgreSQL schema, apart from platform tables; BI tools read them there. */
export const DATA_SCHEMA = 'data';

const KEY = /^[a-z][a-z0-9_]{0,62}$/;

/** Throws unless the name is a metadata key; a second line of defence behind the schema. */
export function assertKey(name: string): string {
  if (!KEY.test(name)) throw new Error(`not a valid identifier: ${JSON.stringify(name)}`);
  return name;
}

/** A double-quoted SQL identifier. Only keys reach here, but quoting is never skipped. */
export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

export const tableName = (objectKey: string): string => assertKey(objectKey);

/** Schema-qualified, quoted table reference for SQL text. */
export const qualifiedTable = (objectKey: string): string => `${quoteIdent(DATA_SCHEMA)}.${quoteIdent(tableName(objectKey))}`;

/** Index and constraint names within PostgreSQL's 63-byte limit, stable for the same inputs. */
export function constraintName(prefix: string, table: string, columns: string[]): string {
  const name = `${prefix}_${table}_${columns.join('_')}`;
  if (name.length <= 63) return name;
  // FNV-1a: the engine also runs in the browser, so no node:crypto here.
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  const hash = h.toString(16).padStart(8, '0');
  return `${name.slice(0, 54)}_${hash}`;
}
