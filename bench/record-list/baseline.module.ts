import { Controller, Get, Module, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';

const COLUMNS = `"id", "version", "owner_id", "org_unit_id", "created_at", "created_by", "updated_at", "updated_by", "title", "amount", "stage", "close_date"`;

/**
 * The hand-written baseline: one page of deals by the same keyset query, scope and
 * filter, on the same pool, behind the same sign-in check (the global AuthGuard), with
 * nothing interpreted from metadata: no role resolution, no query parsing, no field
 * conversion. The scope's unit and the stages are fixed in the code.
 */
@Controller('bench')
class BaselineController {
  constructor(private readonly db: DataSource) {}

  @Get('deals')
  async page(@Query('unit') unit: string, @Query('amount') amount?: string, @Query('id') id?: string) {
    const after = amount && id ? ` AND "amount" <= $3::numeric AND ("amount", "id") < ($3::numeric, $4::uuid)` : '';
    const rows: Array<{ id: string; amount: string }> = await this.db.query(
      `SELECT ${COLUMNS} FROM data.deal WHERE "deleted_at" IS NULL AND "org_unit_id" = ANY($1::uuid[]) AND "stage" = ANY($2::text[])${after} ORDER BY "amount" DESC, "id" DESC LIMIT 51`,
      [[unit], ['lead', 'qualify', 'quote'], ...(after ? [amount, id] : [])],
    );
    const items = rows.slice(0, 50);
    const last = items[items.length - 1];
    return { items, next: rows.length > 50 && last ? { amount: last.amount, id: last.id } : null };
  }
}

@Module({ controllers: [BaselineController] })
export class BaselineModule {}
