import { quoteObject } from '../../test/quote.fixture';
import { buildRecordSchemas } from './record-schema.build';

describe('buildRecordSchemas', () => {
  const { create, update } = buildRecordSchemas(quoteObject);
  const props = create.properties as Record<string, Record<string, unknown>>;

  it('exposes only writable, active fields', () => {
    expect(Object.keys(props).sort()).toEqual(
      ['amount', 'contact_email', 'cost', 'customer', 'status', 'tags', 'tax_rate', 'title', 'valid_until', 'where'].sort(),
    );
  });

  it('maps field types to JSON Schema', () => {
    expect(props.title).toMatchObject({ type: 'string', maxLength: 20, title: '标题', description: 'Title' });
    expect(props.amount).toMatchObject({ type: 'number', minimum: 0 });
    expect(props.status).toMatchObject({ type: 'string', enum: ['draft', 'sent'] });
    expect(props.tags).toMatchObject({ type: 'array', uniqueItems: true, items: { enum: ['urgent', 'export'] } });
    expect(props.customer).toMatchObject({ type: 'string', format: 'uuid' });
    expect(props.valid_until).toMatchObject({ format: 'date' });
  });

  it('requires required fields without default on create only', () => {
    expect(create.required).toEqual(['title', 'amount']);
    expect(update.required).toBeUndefined();
    expect(create.additionalProperties).toBe(false);
  });
});
