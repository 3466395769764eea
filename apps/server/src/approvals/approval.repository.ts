import { Injectable } from '@nestjs/common';
import type { ApprovalEvent, ApprovalState, ApprovalTask } from '@tessera/engine';
import { DataSource, type EntityManager } from 'typeorm';
import { uuidv7 } from '../common/uuid7';

type Db = EntityManager | DataSource;

/** An instance row: the engine state (without tasks, which have their own table) plus what queries filter on. */
export interface InstanceRow {
  id: string;
  flow: string;
  flowVersion: number;
  object: string;
  recordId: string;
  state: 'pending' | 'finished';
  outcome: 'approved' | 'rejected' | 'returned' | 'recalled' | null;
  currentStep: string | null;
  submittedBy: string;
  submittedAt: Date;
  finishedAt: Date | null;
  locksRecord: boolean;
  editableFields: string[];
  data: Omit<ApprovalState, 'tasks'>;
  version: number;
}

/** A timeline line as stored; server-side lines (effects) use types beyond the engine's. */
export interface StoredEvent extends Omit<ApprovalEvent, 'type'> {
  type: ApprovalEvent['type'] | 'effect.applied' | 'effect.failed' | 'effect.requested';
}

export interface EventRow extends StoredEvent {
  id: string;
  instanceId: string;
  position: number;
  object: string;
  recordId: string;
}

export interface InboxRow {
  task: ApprovalTask;
  instance: InstanceRow;
}

const INSTANCE_COLUMNS = `i."id", i."flow", i."flow_version", i."object", i."record_id", i."state", i."outcome", i."current_step", i."submitted_by", i."submitted_at", i."finished_at", i."locks_record", i."editable_fields", i."data", i."version"`;
const TASK_COLUMNS = `t."id" AS "t_id", t."step" AS "t_step", t."round" AS "t_round", t."slot" AS "t_slot", t."order" AS "t_order", t."assignee" AS "t_assignee", t."state" AS "t_state", t."origin" AS "t_origin", t."waiting_for" AS "t_waiting_for", t."created_at" AS "t_created_at", t."acted_at" AS "t_acted_at", t."action" AS "t_action", t."comment" AS "t_comment"`;

type Row = Record<string, unknown>;
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

const toInstance = (r: Row): InstanceRow => ({
  id: r.id as string,
  flow: r.flow as string,
  flowVersion: Number(r.flow_version),
  object: r.object as string,
  recordId: r.record_id as string,
  state: r.state as InstanceRow['state'],
  outcome: r.outcome as InstanceRow['outcome'],
  currentStep: r.current_step as string | null,
  submittedBy: r.submitted_by as string,
  submittedAt: r.submitted_at as Date,
  finishedAt: r.finished_at as Date | null,
  locksRecord: r.locks_record as boolean,
  editableFields: r.editable_fields as string[],
  data: r.data as InstanceRow['data'],
  version: Number(r.version),
});

const toTask = (r: Row, prefix = ''): ApprovalTask => {
  const v = (k: string) => r[prefix + k];
  return {
    id: v('id') as string,
    step: v('step') as string,
    round: Number(v('round')),
    slot: Number(v('slot')),
    seq: Number(v('order')),
    assignee: v('assignee') as string,
    state: v('state') as ApprovalTask['state'],
    origin: v('origin') as ApprovalTask['origin'],
    ...(v('waiting_for') ? { waitingFor: v('waiting_for') as string } : {}),
    createdAt: iso(v('created_at')),
    ...(v('acted_at') ? { actedAt: iso(v('acted_at')) } : {}),
    ...(v('action') ? { action: v('action') as string } : {}),
    ...(v('comment') !== null && v('comment') !== undefined ? { comment: v('comment') as string } : {}),
  };
};

const toEvent = (r: Row): EventRow => ({
  id: r.id as string,
  instanceId: r.instance_id as string,
  position: Number(r.position),
  object: r.object as string,
  recordId: r.record_id as string,
  type: r.type as EventRow['type'],
  at: iso(r.at),
  actor: r.actor_id as string | null,
  ...(r.step ? { step: r.step as string } : {}),
  ...(r.round !== null ? { round: Number(r.round) } : {}),
  ...(r.task_id ? { taskId: r.task_id as string } : {}),
  ...(r.comment !== null ? { comment: r.comment as string } : {}),
  ...(r.data && Object.keys(r.data as object).length ? { data: r.data as Record<string, unknown> } : {}),
});

/** The row's columns that mirror the engine state, so queries need not read the JSON. */
function derived(state: ApprovalState) {
  return {
    state: state.status === 'pending' ? 'pending' : 'finished',
    outcome: state.status === 'pending' ? null : state.status,
    currentStep: state.current === null ? null : state.route[state.current].key,
    finishedAt: state.finishedAt ?? null,
  };
}

/** TypeORM answers UPDATE … RETURNING with [rows, count]. */
const affected = (result: unknown): number => (Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0);

/** Every statement on `approval_instance`, `approval_task` and `approval_event`. */
@Injectable()
export class ApprovalRepository {
  constructor(private readonly dataSource: DataSource) {}

  newId(): string {
    return uuidv7();
  }

  async insertInstance(m: EntityManager, id: string, state: ApprovalState, lock: { locksRecord: boolean; editableFields: string[] }): Promise<void> {
    const d = derived(state);
    const { tasks: _tasks, ...data } = state;
    await m.query(
      `INSERT INTO "approval_instance" ("id", "flow", "flow_version", "object", "record_id", "state", "outcome", "current_step", "submitted_by", "submitted_at", "finished_at", "locks_record", "editable_fields", "data")
       VALUES ($1::uuid, $2, $3, $4, $5::uuid, $6, $7, $8, $9::uuid, $10::timestamptz, $11::timestamptz, $12, $13::text[], $14::jsonb)`,
      [id, state.flow, state.flowVersion, state.object, state.recordId, d.state, d.outcome, d.currentStep, state.submittedBy, state.submittedAt, d.finishedAt, lock.locksRecord, lock.editableFields, JSON.stringify(data)],
    );
  }

  /** Locks the instance row until the caller's transaction ends: every action on it takes turns here. */
  async lock(m: EntityManager, id: string): Promise<InstanceRow | undefined> {
    const rows: Row[] = await m.query(`SELECT ${INSTANCE_COLUMNS} FROM "approval_instance" i WHERE i."id" = $1::uuid FOR UPDATE`, [id]);
    return rows[0] && toInstance(rows[0]);
  }

  async find(db: Db, id: string): Promise<InstanceRow | undefined> {
    const rows: Row[] = await db.query(`SELECT ${INSTANCE_COLUMNS} FROM "approval_instance" i WHERE i."id" = $1::uuid`, [id]);
    return rows[0] && toInstance(rows[0]);
  }

  async instanceIdOfTask(db: Db, taskId: string): Promise<string | undefined> {
    const rows: Row[] = await db.query(`SELECT "instance_id" FROM "approval_task" WHERE "id" = $1::uuid`, [taskId]);
    return rows[0]?.instance_id as string | undefined;
  }

  async tasksOf(db: Db, instanceIds: readonly string[]): Promise<Map<string, ApprovalTask[]>> {
    const out = new Map<string, ApprovalTask[]>(instanceIds.map((id) => [id, []]));
    if (instanceIds.length === 0) return out;
    const rows: Row[] = await db.query(
      `SELECT t."instance_id", ${TASK_COLUMNS} FROM "approval_task" t WHERE t."instance_id" = ANY($1::uuid[]) ORDER BY t."instance_id", t."order"`,
      [instanceIds],
    );
    for (const r of rows) out.get(r.instance_id as string)!.push(toTask(r, 't_'));
    return out;
  }

  /**
   * Stores the next state of a locked instance: the row (its version must still be the one
   * read) and every task that is new or changed.
   */
  async save(m: EntityManager, row: InstanceRow, previous: readonly ApprovalTask[], next: ApprovalState): Promise<number> {
    const d = derived(next);
    const { tasks, ...data } = next;
    const result = await m.query(
      `UPDATE "approval_instance" SET "state" = $3, "outcome" = $4, "current_step" = $5, "finished_at" = $6::timestamptz, "data" = $7::jsonb, "version" = "version" + 1
       WHERE "id" = $1::uuid AND "version" = $2 RETURNING "version"`,
      [row.id, row.version, d.state, d.outcome, d.currentStep, d.finishedAt, JSON.stringify(data)],
    );
    // The row is locked by the caller; a miss means someone wrote without the lock.
    if (affected(result) !== 1) throw new Error(`approval ${row.id} changed underneath its lock (version ${row.version})`);
    const before = new Map(previous.map((t) => [t.id, JSON.stringify(t)]));
    await this.upsertTasks(m, row.id, tasks.filter((t) => before.get(t.id) !== JSON.stringify(t)));
    return row.version + 1;
  }

  async upsertTasks(m: EntityManager, instanceId: string, tasks: readonly ApprovalTask[]): Promise<void> {
    for (const t of tasks) {
      await m.query(
        `INSERT INTO "approval_task" ("id", "instance_id", "step", "round", "slot", "order", "assignee", "state", "origin", "waiting_for", "created_at", "acted_at", "action", "comment")
         VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7::uuid, $8, $9, $10::uuid, $11::timestamptz, $12::timestamptz, $13, $14)
         ON CONFLICT ("id") DO UPDATE SET "assignee" = EXCLUDED."assignee", "state" = EXCLUDED."state", "waiting_for" = EXCLUDED."waiting_for",
           "acted_at" = EXCLUDED."acted_at", "action" = EXCLUDED."action", "comment" = EXCLUDED."comment"`,
        [t.id, instanceId, t.step, t.round, t.slot, t.seq, t.assignee, t.state, t.origin, t.waitingFor ?? null, t.createdAt, t.actedAt ?? null, t.action ?? null, t.comment ?? null],
      );
    }
  }

  /** Appends timeline lines after the instance's last one (the caller holds the instance lock). */
  async appendEvents(m: EntityManager, instance: Pick<InstanceRow, 'id' | 'object' | 'recordId'>, events: readonly StoredEvent[]): Promise<void> {
    if (events.length === 0) return;
    const [{ last }] = await m.query(`SELECT coalesce(max("position"), 0) AS "last" FROM "approval_event" WHERE "instance_id" = $1::uuid`, [instance.id]);
    let position = Number(last);
    for (const e of events) {
      await m.query(
        `INSERT INTO "approval_event" ("id", "instance_id", "position", "object", "record_id", "type", "step", "round", "task_id", "actor_id", "at", "comment", "data")
         VALUES ($1::uuid, $2::uuid, $3, $4, $5::uuid, $6, $7, $8, $9::uuid, $10::uuid, $11::timestamptz, $12, $13::jsonb)`,
        [uuidv7(), instance.id, ++position, instance.object, instance.recordId, e.type, e.step ?? null, e.round ?? null, e.taskId ?? null, e.actor, e.at, e.comment ?? null, JSON.stringify(e.data ?? {})],
      );
    }
  }

  /** Pending instances on a record (the record lock and the on-save trigger read them in the write's transaction). */
  async pendingOn(db: Db, object: string, recordId: string): Promise<InstanceRow[]> {
    const rows: Row[] = await db.query(
      `SELECT ${INSTANCE_COLUMNS} FROM "approval_instance" i WHERE i."object" = $1 AND i."record_id" = $2::uuid AND i."state" = 'pending' ORDER BY i."submitted_at"`,
      [object, recordId],
    );
    return rows.map(toInstance);
  }

  async forRecord(db: Db, object: string, recordId: string): Promise<InstanceRow[]> {
    const rows: Row[] = await db.query(
      `SELECT ${INSTANCE_COLUMNS} FROM "approval_instance" i WHERE i."object" = $1 AND i."record_id" = $2::uuid ORDER BY i."submitted_at", i."id"`,
      [object, recordId],
    );
    return rows.map(toInstance);
  }

  async eventsOf(db: Db, instanceIds: readonly string[]): Promise<EventRow[]> {
    if (instanceIds.length === 0) return [];
    const rows: Row[] = await db.query(
      `SELECT * FROM "approval_event" WHERE "instance_id" = ANY($1::uuid[]) ORDER BY "at", "instance_id", "position"`,
      [instanceIds],
    );
    return rows.map(toEvent);
  }

  /** The latest instance's outcome (or pending) per flow on a record: the approvals fact of stage gates. */
  async latestOutcomes(db: Db, object: string, recordId: string): Promise<Record<string, string>> {
    const rows: Row[] = await db.query(
      `SELECT DISTINCT ON ("flow") "flow", coalesce("outcome", "state") AS "outcome" FROM "approval_instance"
       WHERE "object" = $1 AND "record_id" = $2::uuid ORDER BY "flow", "submitted_at" DESC, "id" DESC`,
      [object, recordId],
    );
    return Object.fromEntries(rows.map((r) => [r.flow as string, r.outcome as string]));
  }

  /** Tasks the user may act on now: pending (not waiting, not queued) in a pending instance. */
  async pendingTasksOf(userId: string, limit: number): Promise<InboxRow[]> {
    return this.inbox(`t."assignee" = $1::uuid AND t."state" = 'pending' AND i."state" = 'pending'`, 't."created_at" DESC', [userId], limit);
  }

  /** Tasks the user decided or handed on, newest first (not those the system closed: cancelled, escalated away). */
  async handledTasksOf(userId: string, limit: number): Promise<InboxRow[]> {
    return this.inbox(`t."assignee" = $1::uuid AND t."acted_at" IS NOT NULL AND t."action" NOT IN ('cancelled', 'timeout')`, 't."acted_at" DESC', [userId], limit);
  }

  async submittedBy(userId: string, limit: number): Promise<InstanceRow[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${INSTANCE_COLUMNS} FROM "approval_instance" i WHERE i."submitted_by" = $1::uuid ORDER BY i."submitted_at" DESC LIMIT ${Number(limit)}`,
      [userId],
    );
    return rows.map(toInstance);
  }

  /** Whether the user holds (or held) a task of the instance. */
  async isParticipant(db: Db, instanceId: string, userId: string): Promise<boolean> {
    const rows: Row[] = await db.query(`SELECT 1 FROM "approval_task" WHERE "instance_id" = $1::uuid AND "assignee" = $2::uuid LIMIT 1`, [instanceId, userId]);
    return rows.length > 0;
  }

  private async inbox(where: string, order: string, values: unknown[], limit: number): Promise<InboxRow[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${INSTANCE_COLUMNS}, ${TASK_COLUMNS} FROM "approval_task" t JOIN "approval_instance" i ON i."id" = t."instance_id"
       WHERE ${where} ORDER BY ${order}, t."id" LIMIT ${Number(limit)}`,
      values,
    );
    return rows.map((r) => ({ task: toTask(r, 't_'), instance: toInstance(r) }));
  }
}
