import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

/**
 * The hand-written baseline: the same three rows the engine writes for a create
 * (record, history, outbox) in one transaction on the same pool, behind the same
 * sign-in check (the global AuthGuard), with nothing interpreted from metadata:
 * no role resolution, no schema, no rules, no formula.
 */
@Controller('bench')
class BaselineController {
  constructor(private readonly db: DataSource) {}

  @Post('baseline')
  @HttpCode(201)
  async create(@Body() body: { title: string; amount: number; cost: number }) {
    return this.db.transaction(async (m) => {
      const id = randomUUID();
      const owner = '00000000-0000-7000-8000-000000000001';
      const [row] = await m.query(
        `INSERT INTO data.bench_item (id, owner_id, created_by, updated_by, title, amount, cost, margin) VALUES ($1, $2, $2, $2, $3, $4, $5, $6) RETURNING *`,
        [id, owner, body.title, body.amount, body.cost, body.amount - body.cost],
      );
      await m.query(
        `INSERT INTO record_history (id, object, record_id, version, action, changes, actor_id) VALUES ($1, 'bench_item', $2, 1, 'create', $3::jsonb, $4)`,
        [randomUUID(), id, JSON.stringify([{ field: 'title', old: null, new: body.title }]), owner],
      );
      await m.query(`INSERT INTO outbox_event (id, type, object, record_id, payload, actor_id) VALUES ($1, 'record.created', 'bench_item', $2, '{}'::jsonb, $3)`, [randomUUID(), id, owner]);
      return row;
    });
  }
}

@Module({ controllers: [BaselineController] })
export class BaselineModule {}
