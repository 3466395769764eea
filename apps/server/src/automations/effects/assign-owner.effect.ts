import { Injectable } from '@nestjs/common';
import { leastOpenPick, mappedTarget, roundRobinPick, type PlannedEffect } from '@tessera/engine';
import type { AssignOwnerAction, CompareCondition } from '@tessera/metadata';
import { IdentityService } from '../../identity/identity.service';
import type { UserSummary } from '../../identity/users/user';
import { isUuid } from '../../common/uuid';
import { RecordReadService } from '../../records/record-read.service';
import { RecordTransferService } from '../../records/record-transfer.service';
import { AutomationRunRepository } from '../automation-run.repository';
import { automationActor } from './automation-actor';
import type { EffectContext, EffectExecutor } from './effect-executor';

type AssignOwner = Extract<PlannedEffect, { kind: 'assignOwner' }>;

interface Candidate {
  id: string;
  orgUnitId: string | null;
}

/** Who may get the record, gathered before the transaction; round robin takes its turn inside it. */
type Prepared =
  | { pick: 'none'; why: string }
  | { pick: 'user'; user: Candidate }
  | { pick: 'roundRobin'; pool: Candidate[]; cursor: string };

const candidate = (u: Pick<UserSummary, 'id' | 'orgUnitId'>): Candidate => ({ id: u.id, orgUnitId: u.orgUnitId });

/**
 * Assignment rules (当日线索-当日分配): round robin or fewest open records among a role's
 * holders or a unit's members, a mapping from a field's value to a user or a unit, or the
 * user in a field. The new owner is written as an ownership transfer (history, outbox).
 */
@Injectable()
export class AssignOwnerEffect implements EffectExecutor<AssignOwner, Prepared> {
  readonly kind = 'assignOwner';
  constructor(
    private readonly identity: IdentityService,
    private readonly reads: RecordReadService,
    private readonly transfers: RecordTransferService,
    private readonly runs: AutomationRunRepository,
  ) {}

  async prepare(e: AssignOwner, ctx: EffectContext): Promise<Prepared> {
    const a = e.action;
    const cursor = `${ctx.name}:${ctx.index}`;
    switch (a.strategy) {
      case 'field': {
        const user = isUuid(e.value) ? await this.identity.user(e.value) : null;
        return user && !user.disabled ? { pick: 'user', user: candidate(user) } : { pick: 'none', why: `no enabled user in ${a.field}` };
      }
      case 'map': {
        const target = mappedTarget(a.map ?? [], e.value, a.otherwise);
        if (!target) return { pick: 'none', why: `no mapping for ${JSON.stringify(e.value)}` };
        if ('user' in target) {
          const user = await this.identity.userByLogin(target.user);
          return user && !user.disabled ? { pick: 'user', user: candidate(user) } : { pick: 'none', why: `no enabled user ${target.user}` };
        }
        const pool = await this.unitMembers(target.unit);
        return { pick: 'roundRobin', pool, cursor: `${cursor}:unit:${target.unit}` };
      }
      case 'roundRobin':
        return { pick: 'roundRobin', pool: await this.candidates(a, ctx), cursor };
      case 'leastLoaded': {
        const pool = await this.candidates(a, ctx);
        const counts = await this.reads.countByOwner(ctx.object, pool.map((c) => c.id), this.openWhere(ctx));
        const id = leastOpenPick(pool.map((c) => c.id), counts);
        const user = pool.find((c) => c.id === id);
        return user ? { pick: 'user', user } : { pick: 'none', why: 'no candidates' };
      }
    }
  }

  async apply(m: Parameters<EffectExecutor['apply']>[0], _e: AssignOwner, ctx: EffectContext, prepared: Prepared) {
    let user: Candidate | undefined;
    if (prepared.pick === 'user') user = prepared.user;
    if (prepared.pick === 'roundRobin' && prepared.pool.length) {
      const position = await this.runs.nextPosition(m, prepared.cursor);
      const id = roundRobinPick(prepared.pool.map((c) => c.id), position);
      user = prepared.pool.find((c) => c.id === id);
    }
    if (!user) return { owner: null, why: prepared.pick === 'none' ? prepared.why : 'no candidates' };
    const moved = await this.transfers.assignLocked(m, automationActor(ctx.name), ctx.object, ctx.recordId, user, ctx.requestId);
    return { owner: user.id, changed: moved };
  }

  /** Holders of the role (in the record's unit and below, unless scope all) and/or members of the unit and below. */
  private async candidates(a: AssignOwnerAction, ctx: EffectContext): Promise<Candidate[]> {
    let units: string[] | undefined;
    if (a.unit !== undefined) {
      const unit = await this.identity.unitByKey(a.unit);
      units = unit ? await this.identity.descendants(unit.id) : [];
    }
    if (a.role === undefined) return units ? (await this.identity.usersInUnits(units)).map(candidate) : [];
    const own = typeof ctx.record.org_unit_id === 'string' && (a.scope ?? 'orgUnitAndBelow') === 'orgUnitAndBelow' ? await this.identity.descendants(ctx.record.org_unit_id) : undefined;
    const scope = units && own ? units.filter((u) => own.includes(u)) : (units ?? own);
    return (await this.identity.usersWithRole(a.role, scope)).filter((u) => !u.disabled).map(candidate);
  }

  private async unitMembers(key: string): Promise<Candidate[]> {
    const unit = await this.identity.unitByKey(key);
    return unit ? (await this.identity.usersInUnits(await this.identity.descendants(unit.id))).map(candidate) : [];
  }

  /** Open = not in a won or lost stage of the object's pipeline; every live record when it has none. */
  private openWhere(ctx: EffectContext): CompareCondition[] {
    const pipeline = ctx.meta.ofKind('pipeline').find((p) => p.object === ctx.object);
    const closed = (pipeline?.stages ?? []).filter((s) => s.type === 'won' || s.type === 'lost').map((s) => s.key);
    return pipeline && closed.length ? [{ kind: 'compare', field: pipeline.stageField, op: 'nin', value: closed }] : [];
  }
}
