import type { FormulaField } from '@tessera/metadata';
import {
  dateFromDb, datetimeFromDb, numericFromDb, ORDERED_OPS, TEXT_OPS,
  type ColumnSpec, type FieldTypeDef,
} from './field-type';

const byResult: Record<FormulaField['resultType'], ColumnSpec> = {
  text: { type: 'text' },
  number: { type: 'numeric' },
  currency: { type: 'numeric', precision: 20, scale: 2 },
  percent: { type: 'numeric' },
  boolean: { type: 'boolean' },
  date: { type: 'date' },
  datetime: { type: 'timestamptz', precision: 3 },
};

/** Evaluated by the engine on every write and stored, so lists can filter and sort on it in SQL. */
export const formulaFieldType: FieldTypeDef<FormulaField> = {
  type: 'formula',
  valueSchema: () => undefined,
  column: (f) => byResult[f.resultType],
  operators: ORDERED_OPS.concat(TEXT_OPS.filter((o) => !ORDERED_OPS.includes(o))),
  computed: true,
  fromDb: (v, f) => {
    if (f.resultType === 'date') return dateFromDb(v);
    if (f.resultType === 'datetime') return datetimeFromDb(v);
    if (['number', 'currency', 'percent'].includes(f.resultType)) return numericFromDb(v);
    return v;
  },
};
