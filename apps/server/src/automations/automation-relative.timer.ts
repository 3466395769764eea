import { Injectable } from '@nestjs/common';
import { AUTOMATION_DUE, durationMillis, type AutomationEvent, type CompiledAutomation } from '@tessera/engine';
import type { RelativeTrigger } from '@tessera/metadata';
import type { EntityManager } from 'typeorm';
import { SYSTEM_ACTOR } from '../identity/actor';
import { MetadataRuntime } from '../metadata/metadata-runtime.service';
import { OutboxService } from '../outbox/outbox.service';
import { RecordReadService } from '../records/record-read.service';
import type { RecordData } from '../records/record-row.convert';
import type { DueTimer, NewTimer, TimerHandler } from '../timers/timer';
import { TimersService } from '../timers/timers.service';
import { AutomationCatalog, relativeTriggerOf } from './automation-catalog';

export const AUTOMATION_RELATIVE = 'automation.relative';

interface RelativeReference {
  automation: string;
  /** The date value the timer counts from (date-field triggers). */
  basis?: string;
}

type Prepared = null | { fire: string } | { rearmFrom: Date };

/** The moment a date-field trigger counts from, as the timer's due time. */
function dueFromField(trigger: RelativeTrigger, value: string): NewTimer['due'] {
  const from = new Date(value);
  return trigger.direction === 'before' ? { from, after: 'PT0S', before: trigger.offset } : { from, after: trigger.offset };
}

/**
 * Relative time. One pending timer per (automation, record), re-armed from the record's
 * events: a date-field trigger counts from the field's value; a quiet period from the
 * last change of the record (or of its related records). When the timer is due the
 * handler checks that it still holds (the date is the same; nothing changed since) and
 * writes `automation.due` with a run key per date value or quiet period, so a duplicate
 * timer cannot run the automation twice.
 */
@Injectable()
export class AutomationRelativeTimer implements TimerHandler<Prepared> {
  readonly kind = AUTOMATION_RELATIVE;

  constructor(
    private readonly runtime: MetadataRuntime,
    private readonly catalog: AutomationCatalog,
    private readonly reads: RecordReadService,
    private readonly timers: TimersService,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * The timers an event arms or re-arms for `compiled`, and the records they concern
   * (read before any transaction). Undefined when the event changes nothing for it.
   */
  async plan(compiled: CompiledAutomation, event: AutomationEvent): Promise<{ recordId: string; timer?: NewTimer } | undefined> {
    const trigger = relativeTriggerOf(compiled.automation);
    if (!trigger || !event.recordId || (event.type !== 'record.created' && event.type !== 'record.updated')) return undefined;
    const object = compiled.automation.object;
    const base = { kind: AUTOMATION_RELATIVE, object };
    if (trigger.field !== undefined) {
      if (event.object !== object) return undefined;
      const changed = event.type === 'record.created' || (Array.isArray(event.payload.changed) && event.payload.changed.includes(trigger.field));
      if (!changed) return undefined;
      const record = await this.read(object, event.recordId);
      const value = record?.[trigger.field];
      if (!record) return undefined;
      if (typeof value !== 'string' || value === '') return { recordId: event.recordId };
      return { recordId: event.recordId, timer: { ...base, recordId: event.recordId, due: dueFromField(trigger, value), reference: { automation: compiled.automation.key, basis: value } } };
    }
    const related = trigger.noChange?.object !== undefined && trigger.noChange.via !== undefined ? { object: trigger.noChange.object, via: trigger.noChange.via } : undefined;
    let recordId: string | undefined;
    if (event.object === object) recordId = event.recordId;
    else if (related && event.object === related.object) {
      const child = await this.read(related.object, event.recordId);
      recordId = typeof child?.[related.via] === 'string' ? (child[related.via] as string) : undefined;
    }
    if (!recordId) return undefined;
    return { recordId, timer: { ...base, recordId, due: { after: trigger.offset }, reference: { automation: compiled.automation.key } } };
  }

  /** Replaces the automation's pending timer of the record, in the caller's transaction. */
  async arm(m: EntityManager, automation: string, object: string, plan: { recordId: string; timer?: NewTimer }): Promise<void> {
    await this.timers.cancelMatching(m, AUTOMATION_RELATIVE, object, plan.recordId, { automation });
    if (plan.timer) await this.timers.schedule(m, [plan.timer]);
  }

  async prepare(timer: DueTimer): Promise<Prepared> {
    const ref = timer.reference as unknown as RelativeReference;
    const compiled = this.catalog.byKey(await this.runtime.get(), ref.automation);
    const trigger = compiled && relativeTriggerOf(compiled.automation);
    if (!trigger || !timer.object || !timer.recordId || compiled.automation.object !== timer.object) return null;
    if (trigger.field !== undefined) {
      const record = await this.read(timer.object, timer.recordId);
      return record && record[trigger.field] === ref.basis ? { fire: `relative:${ref.automation}:${timer.recordId}:${ref.basis}` } : null;
    }
    const related = trigger.noChange?.object !== undefined && trigger.noChange.via !== undefined ? { object: trigger.noChange.object, via: trigger.noChange.via } : undefined;
    const last = await this.reads.lastActivity(timer.object, timer.recordId, related).catch(() => undefined);
    if (!last) return null;
    const quietFor = Date.now() - last.getTime();
    // Something changed after the timer was set: count again from that change.
    if (quietFor + 50 < (durationMillis(trigger.offset) ?? 0)) return { rearmFrom: last };
    return { fire: `relative:${ref.automation}:${timer.recordId}:${last.toISOString()}` };
  }

  async fire(timer: DueTimer, m: EntityManager, prepared: Prepared): Promise<void> {
    if (!prepared) return;
    const ref = timer.reference as unknown as RelativeReference;
    if ('rearmFrom' in prepared) {
      const compiled = this.catalog.byKey(await this.runtime.get(), ref.automation);
      const trigger = compiled && relativeTriggerOf(compiled.automation);
      if (trigger) await this.timers.schedule(m, [{ kind: AUTOMATION_RELATIVE, object: timer.object!, recordId: timer.recordId!, due: { from: prepared.rearmFrom, after: trigger.offset }, reference: { automation: ref.automation } }]);
      return;
    }
    await this.outbox.append(m, [{ type: AUTOMATION_DUE, object: timer.object!, recordId: timer.recordId!, payload: { automation: ref.automation, trigger: 'relative', runKey: prepared.fire }, actorId: null }]);
  }

  private read(object: string, id: string): Promise<RecordData | undefined> {
    return this.reads.get(SYSTEM_ACTOR, object, id).catch(() => undefined);
  }
}
