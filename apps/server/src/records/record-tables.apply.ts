import { DATA_SCHEMA, quoteIdent, type ColumnPlan, type TableOp } from '@tessera/engine';
import { type QueryRunner, Table, TableCheck, TableColumn, TableForeignKey, TableIndex } from 'typeorm';

const path = (table: string) => `${DATA_SCHEMA}.${table}`;
const qualified = (table: string) => `${quoteIdent(DATA_SCHEMA)}.${quoteIdent(table)}`;

function columnType(c: { type: string; precision?: number; scale?: number }): string {
  if (c.precision === undefined) return c.type;
  return c.scale === undefined ? `${c.type}(${c.precision})` : `${c.type}(${c.precision},${c.scale})`;
}

function tableColumn(c: ColumnPlan): TableColumn {
  return new TableColumn({
    name: c.name,
    type: c.type,
    isArray: c.isArray,
    precision: c.precision,
    scale: c.scale,
    isNullable: c.nullable,
    isPrimary: c.primary,
    default: c.default,
  });
}

function checkExpression(column: string, allowed: string[], isArray: boolean): string {
  const list = `ARRAY[${allowed.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}]::text[]`;
  return isArray ? `${quoteIdent(column)} <@ ${list}` : `${quoteIdent(column)} = ANY(${list})`;
}

/**
 * Applies planned DDL through TypeORM's QueryRunner schema API, inside the
 * caller's transaction. Allowed values in checks are select option keys
 * (validated `^[a-z][a-z0-9_]*$` by the schema) and are escaped regardless.
 */
export async function applyTableOps(qr: QueryRunner, ops: TableOp[]): Promise<void> {
  for (const op of ops) {
    switch (op.op) {
      case 'createTable':
        await qr.createTable(new Table({ name: path(op.table), columns: op.columns.map(tableColumn) }));
        break;
      case 'addColumn':
        await qr.addColumn(path(op.table), tableColumn(op.column));
        break;
      case 'alterColumnType':
        // Raw SQL on purpose: QueryRunner.changeColumn drops and re-adds a column whose type
        // changes, which would lose its values. ALTER ... TYPE ... USING converts them in place.
        await qr.query(
          `ALTER TABLE ${qualified(op.table)} ALTER COLUMN ${quoteIdent(op.column.name)} TYPE ${columnType(op.column)}${op.column.isArray ? '[]' : ''} USING ${quoteIdent(op.column.name)}::${columnType(op.column)}${op.column.isArray ? '[]' : ''}`,
        );
        break;
      case 'setAllowed':
        await qr.query(`ALTER TABLE ${qualified(op.table)} DROP CONSTRAINT IF EXISTS ${quoteIdent(op.name)}`);
        await qr.createCheckConstraint(path(op.table), new TableCheck({ name: op.name, expression: checkExpression(op.column, op.allowed, op.isArray) }));
        break;
      case 'dropAllowed':
        await qr.query(`ALTER TABLE ${qualified(op.table)} DROP CONSTRAINT IF EXISTS ${quoteIdent(op.name)}`);
        break;
      case 'createIndex':
        await qr.createIndex(
          path(op.table),
          new TableIndex({ name: op.index.name, columnNames: op.index.columns, isUnique: op.index.unique, where: op.index.liveOnly ? '"deleted_at" IS NULL' : undefined }),
        );
        break;
      case 'dropIndex':
        await qr.query(`DROP INDEX IF EXISTS ${quoteIdent(DATA_SCHEMA)}.${quoteIdent(op.name)}`);
        break;
      case 'addForeignKey':
        await qr.createForeignKey(
          path(op.table),
          new TableForeignKey({ name: op.name, columnNames: [op.column], referencedSchema: DATA_SCHEMA, referencedTableName: op.target, referencedColumnNames: ['id'], onDelete: op.onDelete }),
        );
        break;
      case 'dropForeignKey':
        await qr.query(`ALTER TABLE ${qualified(op.table)} DROP CONSTRAINT IF EXISTS ${quoteIdent(op.name)}`);
        break;
    }
  }
}
