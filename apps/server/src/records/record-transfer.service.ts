import { Injectable } from '@nestjs/common';
import { parseListQuery, qualifiedTable, type FilterNode } from '@tessera/engine';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { UserError } from '../common/errors/user.error';
import type { Actor } from '../identity/actor';
import { AccessService } from '../identity/access.service';
import { IdentityService } from '../identity/identity.service';
import { MetadataRuntime } from '../metadata/metadata-runtime.service';
import { OutboxService } from '../outbox/outbox.service';
import { notFound, unknownObject } from './record-errors';
import { RecordRepository } from './record.repository';
import { withSystemFields } from './sql/record-select.sql';
import { filterSql, rowFilterSql } from './sql/record-filter.sql';
import { SqlParams } from './sql/sql-params';

export interface BulkTransfer {
  /** Whose records; absent: whoever owns them (a selection: `objects` and a filter for each are then required). */
  fromUserId?: string;
  toUserId: string;
  /** Only these objects; every live object when absent. */
  objects?: string[];
  /** Per object, only the records matching this filter (the list API's filter syntax). */
  filters?: Record<string, unknown>;
}

export interface TransferResult {
  transferred: Record<string, number>;
  total: number;
}

const CHUNK = 1000;

/**
 * Ownership transfers: one record, or a departing rep's whole book of business
 * in one transaction (owner, org unit, version, history, outbox, audit); a
 * failure anywhere changes nothing.
 */
@Injectable()
export class RecordTransferService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: RecordRepository,
    private readonly runtime: MetadataRuntime,
    private readonly access: AccessService,
    private readonly identity: IdentityService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  async transferOne(actor: Actor, object: string, id: string, toUserId: string, requestId?: string): Promise<TransferResult> {
    const meta = await this.runtime.get();
    if (!meta.compiledObject(object)) throw unknownObject(object);
    const access = await this.access.require(actor, object, 'reassign');
    const target = await this.targetUser(toUserId);
    return this.dataSource.transaction(async (m) => {
      const moved = await this.move(m, actor, object, target, (p) => `"id" = ${p.add(id, 'uuid')} AND ${rowFilterSql(access.write, p)}`, requestId);
      if (moved === 0) throw notFound(object, id);
      await this.audit.record({ action: 'ownership.transfer', actorId: actor.userId, target: { type: object, id }, details: { toUserId: target.id } }, m);
      return { transferred: { [object]: 1 }, total: 1 };
    });
  }

  async transferAll(actor: Actor, input: BulkTransfer, requestId?: string): Promise<TransferResult> {
    const meta = await this.runtime.get();
    if (!input.fromUserId) {
      // Without an owner the filters are the selection: never "everything in my scope" by omission.
      const unfiltered = (input.objects ?? []).findIndex((o) => input.filters?.[o] === undefined);
      if (!input.objects?.length || unfiltered >= 0) {
        throw new UserError({ status: 422, code: 'transfer-invalid', title: 'Say whose records or which ones', errors: [{ path: input.objects?.length ? `/filters/${input.objects[unfiltered]}` : '/fromUserId', code: 'required', message: 'give fromUserId, or objects with a filter for each' }] });
      }
    }
    const objects = input.objects ?? meta.objects().map((o) => o.key);
    const plans: Array<{ object: string; where: (p: SqlParams) => string }> = [];
    for (const [i, object] of objects.entries()) {
      const compiled = meta.compiledObject(object);
      if (!compiled) throw new UserError({ status: 422, code: 'transfer-invalid', title: 'Unknown object', errors: [{ path: `/objects/${i}`, code: 'object.unknown', message: `no published object ${object}` }] });
      const access = await this.access.require(actor, object, 'reassign');
      let filter: FilterNode | undefined;
      const raw = input.filters?.[object];
      if (raw !== undefined) {
        const parsed = parseListQuery(compiled, { filter: raw }, (k) => !access.hidden.has(k));
        if (!parsed.query) throw new UserError({ status: 422, code: 'transfer-invalid', title: 'The filter is invalid', errors: parsed.errors.map((e) => ({ ...e, path: `/filters/${object}${e.path.replace(/^\/filter/, '')}` })) });
        filter = parsed.query.filter;
      }
      const fields = withSystemFields(compiled.fields);
      plans.push({
        object,
        where: (p) => [...(input.fromUserId ? [`"owner_id" = ${p.add(input.fromUserId, 'uuid')}`] : []), rowFilterSql(access.write, p), ...(filter ? [filterSql(filter, fields, p)] : [])].join(' AND '),
      });
    }
    const target = await this.targetUser(input.toUserId);
    return this.dataSource.transaction(async (m) => {
      const transferred: Record<string, number> = {};
      for (const plan of plans) transferred[plan.object] = await this.move(m, actor, plan.object, target, plan.where, requestId);
      const total = Object.values(transferred).reduce((a, b) => a + b, 0);
      await this.audit.record({ action: 'ownership.bulk_transfer', actorId: actor.userId, target: { type: 'user', id: input.fromUserId ?? target.id }, details: { fromUserId: input.fromUserId ?? null, toUserId: target.id, transferred, total } }, m);
      return { transferred, total };
    });
  }

  /**
   * Sets the owner of one live record inside the caller's transaction, as the platform
   * (an automation's assignment rule): no access check; history, outbox event as any
   * transfer. `to` is looked up by the caller before its transaction. False when the
   * record is gone or already owned by `to`.
   */
  async assignLocked(m: EntityManager, actor: Actor, object: string, id: string, to: { id: string; orgUnitId: string | null }, requestId?: string): Promise<boolean> {
    return (await this.move(m, actor, object, to, (p) => `"id" = ${p.add(id, 'uuid')}`, requestId)) > 0;
  }

  private async targetUser(id: string): Promise<{ id: string; orgUnitId: string | null }> {
    const user = await this.identity.user(id).catch(() => null);
    if (!user || user.disabled) {
      throw new UserError({ status: 422, code: 'transfer-invalid', title: 'The new owner cannot own records', errors: [{ path: '/toUserId', code: 'user.unavailable', message: user ? 'the user is disabled' : 'no such user' }] });
    }
    return { id: user.id, orgUnitId: user.orgUnitId };
  }

  /** Moves the matching live rows in SQL, then writes their history and events in chunks. */
  private async move(m: EntityManager, actor: Actor, object: string, to: { id: string; orgUnitId: string | null }, where: (p: SqlParams) => string, requestId?: string): Promise<number> {
    const p = new SqlParams();
    const sql = `WITH moved AS (
        SELECT "id", "owner_id", "org_unit_id" FROM ${qualifiedTable(object)} WHERE "deleted_at" IS NULL AND ${where(p)} FOR UPDATE
      )
      UPDATE ${qualifiedTable(object)} AS t SET "owner_id" = ${p.add(to.id, 'uuid')}, "org_unit_id" = ${p.add(to.orgUnitId, 'uuid')},
        "version" = t."version" + 1, "updated_at" = now(), "updated_by" = ${p.add(actor.userId, 'uuid')}
      FROM moved WHERE t."id" = moved."id" AND t."owner_id" IS DISTINCT FROM ${p.add(to.id, 'uuid')}
      RETURNING t."id", t."version", moved."owner_id" AS "old_owner", moved."org_unit_id" AS "old_unit"`;
    const result = await m.query(sql, p.values);
    const rows: Array<{ id: string; version: number; old_owner: string; old_unit: string | null }> = Array.isArray(result[0]) ? result[0] : result;
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      await this.repo.addHistory(
        m,
        chunk.map((r) => ({
          object, recordId: r.id, version: Number(r.version), action: 'transfer' as const, actorId: actor.userId, requestId,
          changes: [{ field: 'owner_id', old: r.old_owner, new: to.id }, { field: 'org_unit_id', old: r.old_unit, new: to.orgUnitId }],
        })),
      );
      await this.outbox.append(m, chunk.map((r) => ({ type: 'record.transferred', object, recordId: r.id, payload: { version: Number(r.version), from: r.old_owner, to: to.id }, actorId: actor.userId, requestId })));
    }
    return rows.length;
  }
}
