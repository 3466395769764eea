import { Injectable } from '@nestjs/common';
import { compileAutomation, listensTo, type CompiledAutomation } from '@tessera/engine';
import type { AutomationDefinition, RelativeTrigger } from '@tessera/metadata';
import type { PublishedMetadata } from '../metadata/published-metadata';

/** Record events that (re)arm relative timers: of the object itself, or of the related object a quiet period watches. */
const ARMING_EVENTS = new Set(['record.created', 'record.updated']);

/** The automations of a published version, compiled once and dropped with the version. */
@Injectable()
export class AutomationCatalog {
  private readonly versions = new WeakMap<PublishedMetadata, Map<string, CompiledAutomation>>();

  all(meta: PublishedMetadata): CompiledAutomation[] {
    return [...this.compiled(meta).values()];
  }

  byKey(meta: PublishedMetadata, key: string): CompiledAutomation | undefined {
    return this.compiled(meta).get(key);
  }

  /** Automations an event may concern: listeners on the event's object, and quiet periods watching it as their related object. */
  concerned(meta: PublishedMetadata, type: string, object: string | null): CompiledAutomation[] {
    if (!object) return [];
    return this.all(meta).filter((c) => (c.automation.object === object && listensTo(c.automation, type)) || (ARMING_EVENTS.has(type) && watchesRelated(c.automation, object)));
  }

  private compiled(meta: PublishedMetadata): Map<string, CompiledAutomation> {
    let hit = this.versions.get(meta);
    if (!hit) {
      hit = new Map();
      for (const automation of meta.ofKind('automation')) {
        const object = meta.object(automation.object);
        if (!object) continue;
        hit.set(
          automation.key,
          compileAutomation(automation, {
            object,
            pipeline: meta.ofKind('pipeline').find((p) => p.object === object.key),
            expressions: meta.expressions,
            labels: { object: (k) => meta.object(k), flow: (k) => meta.document('approvalFlow', k)?.label },
          }),
        );
      }
      this.versions.set(meta, hit);
    }
    return hit;
  }
}

export function relativeTriggerOf(automation: AutomationDefinition): RelativeTrigger | undefined {
  return automation.enabled !== false && automation.trigger.on === 'relative' ? automation.trigger : undefined;
}

function watchesRelated(automation: AutomationDefinition, object: string): boolean {
  return relativeTriggerOf(automation)?.noChange?.object === object;
}
