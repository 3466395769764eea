import type { ObjectDefinition } from '@tessera/metadata';
import { quoteObject } from '../../test/quote.fixture';
import { constraintName } from './table.names';
import { planTables, type TableOp } from './table.plan';

const l = (s: string) => ({ 'zh-CN': s, en: s });
const customer: ObjectDefinition = {
  kind: 'object',
  key: 'customer',
  label: l('Customer'),
  fields: [
    { key: 'name', type: 'text', label: l('Name'), required: true },
    { key: 'tax_id', type: 'text', label: l('Tax id'), unique: true },
    { key: 'total', type: 'rollup', label: l('Total'), object: 'quote', via: 'customer', aggregate: 'sum', field: 'amount' },
    { key: 'last_quote', type: 'rollup', label: l('Last quote'), object: 'quote', via: 'customer', aggregate: 'max', field: 'valid_until' },
  ],
};
const ops = (list: TableOp[], op: TableOp['op']) => list.filter((o) => o.op === op);

describe('planTables', () => {
  const first = planTables([], [customer, quoteObject]);

  it('creates each table with system columns and one typed column per field (attachments excluded)', () => {
    const [c, q] = ops(first, 'createTable') as Extract<TableOp, { op: 'createTable' }>[];
    expect(c.table).toBe('customer');
    const cols = Object.fromEntries(q.columns.map((x) => [x.name, x]));
    expect(cols.id).toMatchObject({ type: 'uuid', primary: true, nullable: false });
    expect(cols.owner_id).toMatchObject({ type: 'uuid', nullable: false });
    expect(cols.amount).toMatchObject({ type: 'numeric', precision: 20, scale: 2 });
    expect(cols.tags).toMatchObject({ type: 'text', isArray: true });
    expect(cols.valid_until.type).toBe('date');
    expect(cols.where.type).toBe('jsonb');
    expect(cols.files).toBeUndefined();
    expect(cols.old_note.type).toBe('text'); // retired, column kept
    expect(cols._dup_title.type).toBe('text');
    const ccols = Object.fromEntries(c.columns.map((x) => [x.name, x]));
    expect(ccols.total.type).toBe('numeric');
    expect(ccols.last_quote.type).toBe('date');
  });

  it('orders creates before checks, indexes and foreign keys', () => {
    const order = first.map((o) => o.op);
    expect(order.lastIndexOf('createTable')).toBeLessThan(order.indexOf('setAllowed'));
    expect(order.lastIndexOf('createIndex')).toBeLessThan(order.indexOf('addForeignKey'));
    expect(ops(first, 'addForeignKey')).toEqual([
      { op: 'addForeignKey', table: 'quote', column: 'customer', name: 'fk_quote_customer', target: 'customer', onDelete: 'RESTRICT' },
    ]);
    expect(ops(first, 'createIndex').map((o) => (o as { index: { name: string } }).index.name)).toEqual(
      expect.arrayContaining(['ux_customer_tax_id', 'ux_quote_number', 'ix_quote_customer', 'ix_quote_created_at_id']),
    );
  });

  it('plans nothing when nothing changed', () => {
    expect(planTables([customer, quoteObject], [customer, quoteObject])).toEqual([]);
  });

  it('adds a column, widens a type, changes select options and indexes', () => {
    const next: ObjectDefinition = {
      ...customer,
      fields: [
        { key: 'name', type: 'longtext', label: l('Name') },
        { key: 'tax_id', type: 'text', label: l('Tax id') },
        { key: 'level', type: 'select', label: l('Level'), indexed: true, options: [{ value: 'a', label: l('A') }] },
        ...customer.fields.slice(2),
      ],
    };
    const plan = planTables([customer, quoteObject], [next, quoteObject]);
    expect(plan).toEqual([
      { op: 'addColumn', table: 'customer', column: { name: 'level', type: 'text', allowed: ['a'], nullable: true } },
      { op: 'setAllowed', table: 'customer', column: 'level', name: 'ck_customer_level', allowed: ['a'], isArray: false },
      { op: 'createIndex', table: 'customer', index: { name: 'ix_customer_level', columns: ['level'], unique: false, liveOnly: false } },
      { op: 'dropIndex', table: 'customer', name: 'ux_customer_tax_id' },
    ]);
  });

  it('keeps constraint names within 63 bytes and stable', () => {
    const long = 'a'.repeat(60);
    const name = constraintName('ix', long, ['b'.repeat(60)]);
    expect(name.length).toBeLessThanOrEqual(63);
    expect(constraintName('ix', long, ['b'.repeat(60)])).toBe(name);
    expect(constraintName('ix', long, ['c'.repeat(60)])).not.toBe(name);
  });
});

describe('system columns', () => {
  it('are exactly the keys the metadata contract reserves', async () => {
    const { SYSTEM_COLUMNS } = await import('../records/system-fields');
    const { SYSTEM_COLUMN_PLANS } = await import('./table.plan');
    expect(SYSTEM_COLUMN_PLANS.map((c) => c.name).sort()).toEqual([...SYSTEM_COLUMNS].sort());
  });
});
