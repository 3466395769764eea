import { Injectable } from '@nestjs/common';
import { expressionInput, fillTemplate } from '@tessera/engine';
import type { Action, FieldValues } from '@tessera/metadata';
import type { EntityManager } from 'typeorm';
import { NotificationsService } from '../notifications/notifications.service';
import { OutboxService } from '../outbox/outbox.service';
import { RecordReadService } from '../records/record-read.service';
import type { RecordData } from '../records/record-row.convert';
import { RecordWriteService } from '../records/record-write.service';
import { effectActor } from './approval-effect.actor';
import type { FlowEntry } from './approval-flow.catalog';
import type { StoredEvent } from './approval.repository';
import type { PreparedStart } from './approval-start.prepare';

/** What outcome actions need from lookups, gathered before the transaction, by action index. */
export interface PreparedOutcome {
  recipients: Partial<Record<'approved' | 'rejected', Record<number, string[]>>>;
  starts: Partial<Record<'approved' | 'rejected', Record<number, PreparedStart>>>;
}

export const NO_PREPARED_OUTCOME: PreparedOutcome = { recipients: {}, starts: {} };

export interface OutcomeContext {
  entry: FlowEntry;
  instanceId: string;
  recordId: string;
  outcome: 'approved' | 'rejected';
  actions: readonly Action[];
  /** Whose decision finished the flow (null: a timer). */
  actorId: string | null;
  submittedBy: string;
  requestId?: string;
  prepared: PreparedOutcome;
  /** Starts a chained flow in this transaction (the approval service's own start). */
  start(m: EntityManager, prepared: PreparedStart, submittedBy: string): Promise<string>;
}

type Runner = (m: EntityManager, ctx: OutcomeContext, action: Action, index: number) => Promise<StoredEvent['data']>;

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Runs a finished flow's onApproved / onRejected actions inside the finishing
 * transaction, each behind a savepoint: an action that fails (a value the record refuses,
 * a chained flow nobody can approve) is rolled back alone and written to the timeline as
 * effect.failed; the decision itself stands. Field writes go through the records module
 * as the approval's effect actor (validated, guarded, recorded like any write).
 * Stage moves and the actions automations own (webhook, createRecord, assignOwner,
 * classify) are handed on as one outbox event each (`approval.action-requested`), run by
 * the automations job after the decision commits: a stage gate that asks for this flow's
 * approval then sees it.
 */
@Injectable()
export class ApprovalOutcomeRunner {
  constructor(
    private readonly reads: RecordReadService,
    private readonly writes: RecordWriteService,
    private readonly notifications: NotificationsService,
    private readonly outbox: OutboxService,
  ) {}

  async run(m: EntityManager, ctx: OutcomeContext): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    const at = () => new Date().toISOString();
    for (const [index, action] of ctx.actions.entries()) {
      const savepoint = `approval_outcome_${index}`;
      await m.query(`SAVEPOINT ${savepoint}`);
      try {
        const data = await this.runner(action.kind)(m, ctx, action, index);
        await m.query(`RELEASE SAVEPOINT ${savepoint}`);
        const requested = action.kind !== 'setField' && action.kind !== 'notify' && action.kind !== 'startApproval';
        events.push({ type: requested ? 'effect.requested' : 'effect.applied', at: at(), actor: ctx.actorId, data: { outcome: ctx.outcome, index, kind: action.kind, ...data } });
      } catch (error) {
        await m.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
        const errors = (error as { errors?: unknown }).errors;
        events.push({ type: 'effect.failed', at: at(), actor: ctx.actorId, data: { outcome: ctx.outcome, index, kind: action.kind, error: messageOf(error), ...(Array.isArray(errors) && errors.length ? { errors } : {}) } });
      }
    }
    return events;
  }

  private runner(kind: Action['kind']): Runner {
    switch (kind) {
      case 'setField':
        return (m, ctx, action, index) => this.setField(m, ctx, (action as Extract<Action, { kind: 'setField' }>).values, index);
      case 'notify':
        return (m, ctx, action, index) => this.notify(m, ctx, action as Extract<Action, { kind: 'notify' }>, index);
      case 'startApproval':
        return async (m, ctx, _action, index) => {
          const prepared = ctx.prepared.starts[ctx.outcome]?.[index];
          if (!prepared) throw new Error('the chained flow could not be prepared (it is not published)');
          return { instanceId: await ctx.start(m, prepared, ctx.submittedBy) };
        };
      default:
        return async (m, ctx, action) => {
          await this.outbox.append(m, [{
            type: 'approval.action-requested',
            object: ctx.entry.flow.object,
            recordId: ctx.recordId,
            payload: { instanceId: ctx.instanceId, flow: ctx.entry.flow.key, outcome: ctx.outcome, action },
            actorId: ctx.actorId,
          }]);
          return {};
        };
    }
  }

  private async setField(m: EntityManager, ctx: OutcomeContext, values: FieldValues, index: number) {
    const object = ctx.entry.flow.object;
    const record = await this.locked(m, object, ctx.recordId);
    const body: RecordData = {};
    for (const [key, source] of Object.entries(values)) {
      if ('value' in source) {
        body[key] = source.value;
        continue;
      }
      const compiled = ctx.entry.meta.expressions.get({ document: `approvalFlow:${ctx.entry.flow.key}`, path: `/${ctx.outcome === 'approved' ? 'onApproved' : 'onRejected'}/${index}/values/${key}/expression`, expression: source.expression });
      body[key] = (await compiled.evaluate(expressionInput(record))) ?? null;
    }
    await this.writes.update(effectActor(ctx.actorId), object, ctx.recordId, body, { manager: m, requestId: ctx.requestId });
    return { fields: Object.keys(body) };
  }

  private async notify(m: EntityManager, ctx: OutcomeContext, action: Extract<Action, { kind: 'notify' }>, index: number) {
    const to = ctx.prepared.recipients[ctx.outcome]?.[index] ?? [];
    const record = await this.locked(m, ctx.entry.flow.object, ctx.recordId);
    await this.notifications.notify(m, to, {
      title: fillTemplate(action.title, record, ctx.entry.compiled.object),
      body: action.body ? fillTemplate(action.body, record, ctx.entry.compiled.object) : null,
      link: { object: ctx.entry.flow.object, recordId: ctx.recordId },
      source: 'approval.outcome',
      dedupeKey: `approval.outcome:${ctx.instanceId}:${index}`,
    });
    return { to };
  }

  private async locked(m: EntityManager, object: string, id: string): Promise<RecordData> {
    const record = await this.reads.lockForSystem(m, object, id);
    if (!record) throw new Error(`record ${object} ${id} is gone`);
    return record;
  }
}
