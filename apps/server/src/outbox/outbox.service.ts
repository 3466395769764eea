import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { uuidv7 } from '../common/uuid7';
import type { OutboxEvent, OutboxEventInput } from './outbox-event';

interface OutboxRow {
  id: string;
  type: string;
  object: string | null;
  record_id: string | null;
  payload: Record<string, unknown>;
  actor_id: string | null;
  request_id: string | null;
  created_at: Date;
  dispatched_at: Date | null;
}

const toEvent = (r: OutboxRow): OutboxEvent => ({
  id: r.id,
  type: r.type,
  object: r.object,
  recordId: r.record_id,
  payload: r.payload,
  actorId: r.actor_id,
  requestId: r.request_id,
  createdAt: r.created_at,
  dispatchedAt: r.dispatched_at,
});

/** Owns `outbox_event`. Writers append inside their own transaction. */
@Injectable()
export class OutboxService {
  constructor(private readonly dataSource: DataSource) {}

  /** Appends events in the caller's transaction (one statement for all of them). */
  async append(manager: EntityManager, events: OutboxEventInput[]): Promise<void> {
    if (events.length === 0) return;
    const values: unknown[] = [];
    const rows = events.map((e) => {
      values.push(uuidv7(), e.type, e.object ?? null, e.recordId ?? null, JSON.stringify(e.payload), e.actorId ?? null, e.requestId ?? null);
      const n = values.length;
      return `($${n - 6}, $${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}::jsonb, $${n - 1}, $${n})`;
    });
    await manager.query(
      `INSERT INTO "outbox_event" ("id", "type", "object", "record_id", "payload", "actor_id", "request_id") VALUES ${rows.join(', ')}`,
      values,
    );
  }

  /**
   * Undispatched events, oldest first, locked for the caller's transaction; rows another
   * relay holds are skipped (SKIP LOCKED), never waited for.
   */
  async claimPending(m: EntityManager, limit: number): Promise<OutboxEvent[]> {
    const rows = await m.query(
      `SELECT * FROM "outbox_event" WHERE "dispatched_at" IS NULL ORDER BY "created_at", "id" LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return (rows as OutboxRow[]).map(toEvent);
  }

  async markDispatched(m: EntityManager, ids: readonly string[]): Promise<void> {
    if (ids.length) await m.query(`UPDATE "outbox_event" SET "dispatched_at" = now() WHERE "id" = ANY($1::uuid[])`, [ids]);
  }

  /** Events of one record, oldest first (for tests, the timeline and the relay). */
  async forRecord(object: string, recordId: string): Promise<OutboxEvent[]> {
    const rows = await this.dataSource.query<OutboxRow[]>(
      `SELECT * FROM "outbox_event" WHERE "object" = $1 AND "record_id" = $2 ORDER BY "created_at", "id"`,
      [object, recordId],
    );
    return rows.map(toEvent);
  }
}
