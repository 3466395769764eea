import { Injectable, Logger } from '@nestjs/common';
import { AUTOMATION_DUE, type CompiledAutomation } from '@tessera/engine';
import type { AutomationDefinition, ScheduleTrigger } from '@tessera/metadata';
import { CronExpressionParser } from 'cron-parser';
import type { EntityManager } from 'typeorm';
import { MetadataRuntime } from '../metadata/metadata-runtime.service';
import { OutboxService } from '../outbox/outbox.service';
import type { DueTimer, NewTimer, TimerHandler } from '../timers/timer';
import { TimersService } from '../timers/timers.service';
import { AutomationCatalog } from './automation-catalog';

export const AUTOMATION_SCHEDULE = 'automation.schedule';

interface ScheduleReference {
  automation: string;
  cron: string;
  timezone: string;
  occurrence: string;
}

const DEFAULT_TZ = 'Asia/Shanghai';

const scheduleOf = (a: AutomationDefinition): ScheduleTrigger | undefined => (a.enabled !== false && a.trigger.on === 'schedule' ? a.trigger : undefined);

/** The timer of the next occurrence after `after`, keyed by (automation, occurrence): written once however many instances try. */
export function nextOccurrenceTimer(automation: AutomationDefinition, after: Date): NewTimer | undefined {
  const trigger = scheduleOf(automation);
  if (!trigger) return undefined;
  const timezone = trigger.timezone ?? DEFAULT_TZ;
  const next = CronExpressionParser.parse(trigger.cron, { currentDate: after, tz: timezone }).next().toDate();
  const occurrence = next.toISOString();
  const reference: ScheduleReference = { automation: automation.key, cron: trigger.cron, timezone, occurrence };
  return { kind: AUTOMATION_SCHEDULE, key: `schedule:${automation.key}:${occurrence}`, due: { from: next, after: 'PT0S' }, object: automation.object, reference: { ...reference } };
}

/**
 * Cron schedules. Each occurrence is a timer row with a unique key; firing it (once, in
 * the claiming transaction) writes the next occurrence's timer and an `automation.due`
 * event that the automations job turns into a run per matching record. A changed cron
 * or a removed automation leaves its pending timer a no-op.
 */
@Injectable()
export class AutomationScheduleTimer implements TimerHandler<null> {
  readonly kind = AUTOMATION_SCHEDULE;
  private readonly logger = new Logger('Automations');

  constructor(
    private readonly runtime: MetadataRuntime,
    private readonly catalog: AutomationCatalog,
    private readonly timers: TimersService,
    private readonly outbox: OutboxService,
  ) {}

  /** Writes the next occurrence of every schedule of the published metadata (on start and on publish). */
  async ensure(m: EntityManager, automations: readonly AutomationDefinition[], now = new Date()): Promise<number> {
    const due = automations.map((a) => this.safeNext(a, now)).filter((t): t is NewTimer => t !== undefined);
    return (await this.timers.schedule(m, due)).length;
  }

  async fire(timer: DueTimer, m: EntityManager): Promise<void> {
    const ref = timer.reference as unknown as ScheduleReference;
    const compiled: CompiledAutomation | undefined = this.catalog.byKey(await this.runtime.get(), ref.automation);
    const trigger = compiled && scheduleOf(compiled.automation);
    if (!compiled || !trigger || trigger.cron !== ref.cron || (trigger.timezone ?? DEFAULT_TZ) !== ref.timezone) return;
    const next = this.safeNext(compiled.automation, new Date(Math.max(Date.now(), new Date(ref.occurrence).getTime())));
    if (next) await this.timers.schedule(m, [next]);
    await this.outbox.append(m, [{ type: AUTOMATION_DUE, object: compiled.automation.object, payload: { automation: ref.automation, trigger: 'schedule', occurrence: ref.occurrence }, actorId: null }]);
  }

  private safeNext(a: AutomationDefinition, after: Date): NewTimer | undefined {
    try {
      return nextOccurrenceTimer(a, after);
    } catch (error) {
      this.logger.warn(`schedule of ${a.key} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }
}
