import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { uuidv7 } from '../common/uuid7';
import type { ErrorItem } from '../common/errors/error-item';

export type RunStatus = 'succeeded' | 'skipped' | 'failed' | 'stopped';

export interface RunEntry {
  automation: string;
  object: string;
  recordId: string | null;
  eventId: string | null;
  eventType: string;
  trigger: string;
  status: RunStatus;
  depth: number;
  attempt: number;
  effects: unknown[];
  /** `errors`: every problem of a refused write (each unmet condition of a blocked stage move). */
  error: { code: string; message: string; path?: string; errors?: ErrorItem[] } | null;
  startedAt: Date;
  durationMs: number;
}

export interface RunView extends Omit<RunEntry, 'startedAt'> {
  id: string;
  startedAt: string;
}

/** Every statement on `automation_run` and `assignment_cursor`. */
@Injectable()
export class AutomationRunRepository {
  constructor(private readonly dataSource: DataSource) {}

  async add(db: EntityManager | undefined, e: RunEntry): Promise<void> {
    await (db ?? this.dataSource).query(
      `INSERT INTO "automation_run" ("id", "automation", "object", "record_id", "event_id", "event_type", "trigger", "status", "depth", "attempt", "effects", "error", "started_at", "duration_ms")
       VALUES ($1, $2, $3, $4::uuid, $5::uuid, $6, $7, $8, $9, $10, $11::jsonb, $12::jsonb, $13, $14)`,
      [uuidv7(), e.automation, e.object, e.recordId, e.eventId, e.eventType, e.trigger, e.status, e.depth, e.attempt, JSON.stringify(e.effects), e.error ? JSON.stringify(e.error) : null, e.startedAt, Math.round(e.durationMs)],
    );
  }

  async list(filter: { automation?: string; object?: string; recordId?: string; status?: string; limit: number }): Promise<RunView[]> {
    const where: string[] = [];
    const values: unknown[] = [];
    if (filter.automation) where.push(`"automation" = $${values.push(filter.automation)}`);
    if (filter.object) where.push(`"object" = $${values.push(filter.object)}`);
    if (filter.recordId) where.push(`"record_id" = $${values.push(filter.recordId)}::uuid`);
    if (filter.status) where.push(`"status" = $${values.push(filter.status)}`);
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT * FROM "automation_run" ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY "started_at" DESC, "id" DESC LIMIT $${values.push(filter.limit)}`,
      values,
    );
    return rows.map((r) => ({
      id: r.id as string,
      automation: r.automation as string,
      object: r.object as string,
      recordId: r.record_id as string | null,
      eventId: r.event_id as string | null,
      eventType: r.event_type as string,
      trigger: r.trigger as string,
      status: r.status as RunStatus,
      depth: Number(r.depth),
      attempt: Number(r.attempt),
      effects: r.effects as unknown[],
      error: r.error as RunEntry['error'],
      startedAt: new Date(r.started_at as string).toISOString(),
      durationMs: Number(r.duration_ms),
    }));
  }

  /** The next position of a round-robin pool, taken under the cursor row's lock in the caller's transaction (0 first). */
  async nextPosition(m: EntityManager, key: string): Promise<number> {
    const rows = await m.query(
      `INSERT INTO "assignment_cursor" ("key", "position") VALUES ($1, 1) ON CONFLICT ("key") DO UPDATE SET "position" = "assignment_cursor"."position" + 1 RETURNING "position"`,
      [key],
    );
    return Number(rows[0].position) - 1;
  }
}
