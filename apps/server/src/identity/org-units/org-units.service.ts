import { Injectable } from '@nestjs/common';
import { findCycle, parentsFirst, type OrgTreeNode } from '@tessera/engine';
import type { Label, OrgDefinition } from '@tessera/metadata';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { UserError } from '../../common/errors/user.error';
import { uuidv7 } from '../../common/uuid7';
import { conflict, notFound } from '../identity.errors';
import { toUserSummary, type UserSummary } from '../users/user';
import { UserRepository } from '../users/user.repository';
import { isUuid } from '../../common/uuid';
import type { OrgUnitRecord, OrgUnitView } from './org-unit';
import { OrgUnitRepository } from './org-unit.repository';

export interface NewOrgUnitInput {
  key: string;
  label: Label;
  parentId: string | null;
  managerUserId: string | null;
}

export interface OrgUnitPatch {
  key?: string;
  label?: Label;
  parentId?: string | null;
}

export interface OrgSyncResult {
  created: string[];
  updated: string[];
  unchanged: string[];
}

/** The org tree: units, their parents and managers, and who belongs where. */
@Injectable()
export class OrgUnitsService {
  constructor(
    private readonly units: OrgUnitRepository,
    private readonly users: UserRepository,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
  ) {}

  /** Every unit, parents before children (depth-first, siblings by key), with member counts. */
  async tree(): Promise<OrgUnitView[]> {
    const [all, counts] = await Promise.all([this.units.all(), this.units.memberCounts()]);
    const children = new Map<string | null, OrgUnitRecord[]>();
    for (const u of all) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
    const out: OrgUnitView[] = [];
    const walk = (parentId: string | null, depth: number) => {
      for (const u of children.get(parentId) ?? []) {
        out.push({ ...u, depth, memberCount: counts.get(u.id) ?? 0 });
        walk(u.id, depth + 1);
      }
    };
    walk(null, 0);
    return out;
  }

  async get(id: string): Promise<OrgUnitRecord> {
    const unit = isUuid(id) ? await this.units.findById(id) : null;
    if (!unit) throw notFound('org unit', id);
    return unit;
  }

  async create(input: NewOrgUnitInput): Promise<OrgUnitRecord> {
    const id = uuidv7();
    await this.dataSource.transaction(async (m) => {
      await this.units.lockTree(m);
      if (await this.units.findByKey(input.key, m)) throw keyTaken(input.key);
      if (input.parentId && !(await this.units.findById(input.parentId, m))) throw unknownRef('/parentId', 'org unit', input.parentId);
      if (input.managerUserId && !(await this.users.findById(input.managerUserId, m))) throw unknownRef('/managerUserId', 'user', input.managerUserId);
      await this.units.insert({ id, ...input }, m);
      await this.audit.record({ action: 'org_unit.created', target: { type: 'org_unit', id }, details: { ...input } }, m);
    });
    return this.get(id);
  }

  /** Renames, re-keys or moves a unit; a move that would put a unit below itself is refused. */
  async update(id: string, patch: OrgUnitPatch): Promise<OrgUnitRecord> {
    await this.dataSource.transaction(async (m) => {
      await this.units.lockTree(m);
      const before = await this.units.findById(id, m);
      if (!before) throw notFound('org unit', id);
      if (patch.key !== undefined && patch.key !== before.key && (await this.units.findByKey(patch.key, m))) throw keyTaken(patch.key);
      if (patch.parentId !== undefined && patch.parentId !== before.parentId) {
        const all = await this.units.all(m);
        if (patch.parentId !== null && !all.some((u) => u.id === patch.parentId)) throw unknownRef('/parentId', 'org unit', patch.parentId);
        const moved: OrgTreeNode[] = all.map((u) => ({ id: u.id, parentId: u.id === id ? (patch.parentId ?? null) : u.parentId }));
        if (findCycle(moved)) {
          throw new UserError({ code: 'org-cycle', title: 'The org tree cannot contain a cycle', errors: [{ path: '/parentId', code: 'org.cycle', message: 'the new parent is this unit or one below it' }] });
        }
      }
      await this.units.update(id, patch, m);
      await this.audit.record({ action: 'org_unit.updated', target: { type: 'org_unit', id }, details: { before: pick(before, patch), after: patch } }, m);
    });
    return this.get(id);
  }

  async setManager(id: string, managerUserId: string | null): Promise<OrgUnitRecord> {
    const before = await this.get(id);
    if (managerUserId && !(await this.users.findById(managerUserId))) throw unknownRef('/userId', 'user', managerUserId);
    await this.dataSource.transaction(async (m) => {
      await this.units.update(id, { managerUserId }, m);
      await this.audit.record({ action: 'org_unit.manager_set', target: { type: 'org_unit', id }, details: { before: before.managerUserId, after: managerUserId } }, m);
    });
    return this.get(id);
  }

  /** Deletes an empty leaf: a unit with sub-units or members is refused (409), as is one that records still point at. */
  async delete(id: string): Promise<void> {
    try {
      await this.dataSource.transaction(async (m) => {
        await this.units.lockTree(m);
        const unit = await this.units.findById(id, m);
        if (!unit) throw notFound('org unit', id);
        const { children, members } = await this.units.hasChildrenOrMembers(id, m);
        if (children > 0 || members > 0) throw conflict('org-unit-not-empty', `${unit.key} still has ${children} sub-unit(s) and ${members} member(s); move them first`);
        await this.units.delete(id, m);
        await this.audit.record({ action: 'org_unit.deleted', target: { type: 'org_unit', id }, details: { key: unit.key, label: unit.label } }, m);
      });
    } catch (error) {
      // A foreign key from elsewhere (records filed under the unit) refuses the delete.
      if ((error as { code?: string }).code === '23503') throw conflict('org-unit-in-use', 'Records are still filed under this unit; transfer them first');
      throw error;
    }
  }

  async members(id: string): Promise<UserSummary[]> {
    await this.get(id);
    return (await this.users.list({ orgUnitId: id, limit: 10_000 })).map((u) => toUserSummary(u));
  }

  /** Places users in this unit (each user belongs to one unit). Their existing records stay filed where they are. */
  async addMembers(id: string, userIds: string[]): Promise<UserSummary[]> {
    await this.get(id);
    const found = await this.users.findByIds(userIds);
    const missing = userIds.map((u, i) => ({ u, i })).filter(({ u }) => !found.some((f) => f.id === u));
    if (missing.length > 0) {
      throw new UserError({ code: 'user-unknown', title: 'No such user', errors: missing.map(({ u, i }) => ({ path: `/userIds/${i}`, code: 'exists', message: `no user ${u}` })) });
    }
    await this.dataSource.transaction(async (m) => {
      await this.users.moveToUnit(userIds, id, m);
      await this.audit.record(
        { action: 'org_unit.members_added', target: { type: 'org_unit', id }, details: { users: found.map((u) => ({ id: u.id, from: u.orgUnitId })) } },
        m,
      );
    });
    return this.members(id);
  }

  /**
   * Upserts the units of an org document by key (pack import): new units are created,
   * labels and parents of existing ones follow the document, units it does not name are
   * left alone (they may hold users). Managers are run-time data and are kept. Runs in
   * `manager`'s transaction when given; a resulting cycle rolls everything back.
   */
  async syncOrgUnits(org: OrgDefinition, manager?: EntityManager): Promise<OrgSyncResult> {
    const run = async (m: EntityManager): Promise<OrgSyncResult> => {
      await this.units.lockTree(m);
      const existing = new Map((await this.units.all(m)).map((u) => [u.key, u]));
      const result: OrgSyncResult = { created: [], updated: [], unchanged: [] };
      const ids = new Map([...existing].map(([k, u]) => [k, u.id]));
      for (const unit of parentsFirst(org.units)) if (!ids.has(unit.key)) ids.set(unit.key, uuidv7());
      for (const unit of parentsFirst(org.units)) {
        const parentId = unit.parent ? ids.get(unit.parent) : null;
        if (parentId === undefined) {
          throw new UserError({ code: 'org-parent-unknown', title: 'Unknown parent unit', detail: `${unit.key}: no unit ${unit.parent}` });
        }
        const before = existing.get(unit.key);
        if (!before) {
          await this.units.insert({ id: ids.get(unit.key)!, key: unit.key, label: unit.label, parentId, managerUserId: null }, m);
          result.created.push(unit.key);
        } else if (before.parentId !== parentId || before.label['zh-CN'] !== unit.label['zh-CN'] || before.label.en !== unit.label.en) {
          await this.units.update(before.id, { label: unit.label, parentId }, m);
          result.updated.push(unit.key);
        } else {
          result.unchanged.push(unit.key);
        }
      }
      const cycle = findCycle((await this.units.all(m)).map((u) => ({ id: u.id, parentId: u.parentId })));
      if (cycle) throw new UserError({ code: 'org-cycle', title: 'The org tree cannot contain a cycle', detail: 'The org document would put a unit below itself' });
      if (result.created.length + result.updated.length > 0) {
        await this.audit.record({ action: 'org.synced', target: { type: 'org', id: org.key }, details: { created: result.created, updated: result.updated } }, m);
      }
      return result;
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }
}

function keyTaken(key: string): UserError {
  return conflict('org-unit-key-taken', `The key ${key} is taken`, [{ path: '/key', code: 'unique', message: 'already used by another unit' }]);
}

function unknownRef(path: string, what: string, id: string): UserError {
  return new UserError({ code: 'reference-unknown', title: `No such ${what}`, errors: [{ path, code: 'exists', message: `no ${what} ${id}` }] });
}

function pick(before: OrgUnitRecord, patch: OrgUnitPatch): Partial<OrgUnitRecord> {
  return Object.fromEntries(Object.keys(patch).filter((k) => patch[k as keyof OrgUnitPatch] !== undefined).map((k) => [k, before[k as keyof OrgUnitRecord]]));
}
