import { Injectable } from '@nestjs/common';
import type { Label } from '@tessera/metadata';
import { DataSource } from 'typeorm';
import type { Actor } from '../identity/actor';
import { IdentityService } from '../identity/identity.service';
import { taskNotFound } from './approval-errors';
import { ApprovalRepository } from './approval.repository';

export interface Candidate {
  id: string;
  username: string;
  displayName: string;
  orgUnit: Label | null;
}

const LIMIT = 20;

/**
 * Whom an approver may hand a task to (转办) or add (加签): enabled users of the
 * approver's organization (every unit under the top of their unit chain), searched by
 * login or name. Only the holder of the pending task may ask; the action itself still
 * checks what the step allows.
 */
@Injectable()
export class ApprovalCandidatesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: ApprovalRepository,
    private readonly identity: IdentityService,
  ) {}

  async forTask(actor: Actor, taskId: string, q: unknown): Promise<{ items: Candidate[] }> {
    const instanceId = await this.repo.instanceIdOfTask(this.dataSource, taskId);
    const task = instanceId ? (await this.repo.tasksOf(this.dataSource, [instanceId])).get(instanceId)?.find((t) => t.id === taskId) : undefined;
    if (!task || task.assignee !== actor.userId || task.state !== 'pending') throw taskNotFound(taskId);
    const unit = await this.identity.unitOf(actor.userId);
    if (!unit) return { items: [] };
    const chain = await this.identity.unitChain(unit);
    const users = await this.identity.usersInUnits(await this.identity.descendants(chain[chain.length - 1]));
    const needle = typeof q === 'string' ? q.trim().toLowerCase().slice(0, 100) : '';
    const found = users
      .filter((u) => u.id !== actor.userId && (!needle || u.username.toLowerCase().includes(needle) || u.displayName.toLowerCase().includes(needle)))
      .sort((a, b) => a.username.localeCompare(b.username))
      .slice(0, LIMIT);
    const units = new Map<string, Label | null>();
    for (const id of new Set(found.map((u) => u.orgUnitId).filter((x): x is string => x !== null))) units.set(id, (await this.identity.unit(id))?.label ?? null);
    return { items: found.map((u) => ({ id: u.id, username: u.username, displayName: u.displayName, orgUnit: u.orgUnitId ? (units.get(u.orgUnitId) ?? null) : null })) };
  }
}
