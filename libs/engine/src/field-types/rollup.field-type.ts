import type { RollupField } from '@tessera/metadata';
import { dateFromDb, datetimeFromDb, numericFromDb, ORDERED_OPS, type ColumnSpec, type FieldTypeDef } from './field-type';

function childType(f: RollupField, ctx: Parameters<FieldTypeDef<RollupField>['column']>[1]): string | undefined {
  return f.field ? ctx.field(f.object, f.field)?.type : undefined;
}

/** Kept current by the server in the same transaction as the child write. */
export const rollupFieldType: FieldTypeDef<RollupField> = {
  type: 'rollup',
  valueSchema: () => undefined,
  column: (f, ctx): ColumnSpec => {
    if (f.aggregate === 'count') return { type: 'integer' };
    const t = childType(f, ctx);
    if (f.aggregate !== 'sum' && t === 'date') return { type: 'date' };
    if (f.aggregate !== 'sum' && t === 'datetime') return { type: 'timestamptz', precision: 3 };
    return { type: 'numeric' };
  },
  operators: ORDERED_OPS,
  computed: true,
  fromDb: (v) => (v instanceof Date ? datetimeFromDb(v) : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? dateFromDb(v) : numericFromDb(v)),
};
