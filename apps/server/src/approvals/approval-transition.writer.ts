import { Injectable } from '@nestjs/common';
import type { ApprovalTask, ApprovalTransition } from '@tessera/engine';
import type { EntityManager } from 'typeorm';
import { NotificationsService } from '../notifications/notifications.service';
import { OutboxService } from '../outbox/outbox.service';
import type { RecordData } from '../records/record-row.convert';
import { TimersService } from '../timers/timers.service';
import type { FlowEntry } from './approval-flow.catalog';
import { approvalNotice } from './approval-notices';
import { ApprovalOutcomeRunner, type OutcomeContext, type PreparedOutcome } from './approval-outcome.runner';
import { ApprovalRepository, type InstanceRow, type StoredEvent } from './approval.repository';
import type { PreparedStart } from './approval-start.prepare';

/** Timer kind of a step's SLA escalations. */
export const APPROVAL_SLA = 'approval.sla';

export interface SlaTimerReference {
  instanceId: string;
  step: string;
  round: number;
  escalation: number;
}

export interface TransitionSubject {
  entry: FlowEntry;
  instanceId: string;
  /** The locked row the transition started from; absent for a new instance. */
  row?: InstanceRow;
  previousTasks: readonly ApprovalTask[];
  /** The record (names in notifications). */
  record: RecordData;
  actorId: string | null;
  requestId?: string;
  prepared: PreparedOutcome;
  start(m: EntityManager, prepared: PreparedStart, submittedBy: string): Promise<string>;
}

/** How a record is named in notifications: its title field, else the start of its id. */
export function recordName(entry: FlowEntry, record: RecordData, recordId: string): string {
  const key = entry.compiled.object.titleField;
  const value = key ? record[key] : undefined;
  return value === null || value === undefined || value === '' ? recordId.slice(0, 8) : String(value);
}

/**
 * Writes one engine transition inside the caller's transaction (the instance row is
 * locked, or new): the instance and its changed tasks, the timeline, and every effect:
 * notifications, SLA timers, the outcome actions of a finished flow and its outbox events.
 */
@Injectable()
export class ApprovalTransitionWriter {
  constructor(
    private readonly repo: ApprovalRepository,
    private readonly timers: TimersService,
    private readonly notifications: NotificationsService,
    private readonly outbox: OutboxService,
    private readonly outcomes: ApprovalOutcomeRunner,
  ) {}

  async write(m: EntityManager, s: TransitionSubject, t: ApprovalTransition): Promise<void> {
    const { state } = t;
    const { flow } = s.entry;
    const instance = { id: s.instanceId, object: state.object, recordId: state.recordId };
    const events: StoredEvent[] = [...t.events];
    if (s.row) {
      await this.repo.save(m, s.row, s.previousTasks, state);
    } else {
      await this.repo.insertInstance(m, s.instanceId, state, { locksRecord: flow.lockRecord !== false, editableFields: flow.editableFields ?? [] });
      await this.repo.upsertTasks(m, s.instanceId, state.tasks);
      await this.outbox.append(m, [{ type: 'approval.submitted', object: state.object, recordId: state.recordId, payload: { instanceId: s.instanceId, flow: flow.key, version: state.flowVersion, submittedBy: state.submittedBy }, actorId: s.actorId, requestId: s.requestId }]);
    }
    const name = recordName(s.entry, s.record, state.recordId);
    const stepLabel = (key?: string) => (key ? flow.steps.find((x) => x.key === key)?.label : undefined);
    for (const e of t.effects) {
      switch (e.kind) {
        case 'notify':
          await this.notifications.notify(m, e.to, approvalNotice(e, {
            instanceId: s.instanceId, round: state.round, flow: flow.label, step: stepLabel(e.step), record: name,
            link: { object: state.object, recordId: state.recordId }, outcome: state.status,
          }));
          break;
        case 'scheduleSla':
          await this.timers.schedule(m, [{
            kind: APPROVAL_SLA, due: { after: e.after }, object: state.object, recordId: state.recordId,
            reference: { instanceId: s.instanceId, step: e.step, round: e.round, escalation: e.escalation } satisfies SlaTimerReference,
          }]);
          break;
        case 'cancelSla': {
          // Timers are per record and kind: keep them while another approval of the record runs
          // (a stale timer fires as a no-op: the engine checks the step and round it was set for).
          const others = (await this.repo.pendingOn(m, state.object, state.recordId)).filter((i) => i.id !== s.instanceId);
          if (others.length === 0) await this.timers.cancel(m, state.object, state.recordId, [APPROVAL_SLA]);
          break;
        }
        case 'finished': {
          const ctx: OutcomeContext = {
            entry: s.entry, instanceId: s.instanceId, recordId: state.recordId, outcome: e.outcome, actions: e.actions,
            actorId: s.actorId, submittedBy: state.submittedBy, requestId: s.requestId, prepared: s.prepared, start: s.start,
          };
          events.push(...(await this.outcomes.run(m, ctx)));
          await this.outbox.append(m, [{ type: 'approval.finished', object: state.object, recordId: state.recordId, payload: { instanceId: s.instanceId, flow: flow.key, version: state.flowVersion, outcome: e.outcome, submittedBy: state.submittedBy }, actorId: s.actorId, requestId: s.requestId }]);
          break;
        }
        case 'ended':
          await this.outbox.append(m, [{ type: `approval.${e.outcome}`, object: state.object, recordId: state.recordId, payload: { instanceId: s.instanceId, flow: flow.key, version: state.flowVersion, outcome: e.outcome, submittedBy: state.submittedBy }, actorId: s.actorId, requestId: s.requestId }]);
          break;
      }
    }
    await this.repo.appendEvents(m, instance, events);
  }
}
