import type { Trigger } from '@tessera/metadata';
import type { TriggerInput } from './automation-event';

/**
 * How the engine matches one trigger kind. Every kind is one `*.trigger.ts` file in
 * `triggers/` and one line in the registry; nothing else switches on trigger kinds.
 */
export interface TriggerKindDef<T extends Trigger = Trigger> {
  on: T['on'];
  /** Outbox event types that can fire it (the relay hands only those to automations). */
  events: readonly string[];
  matches(trigger: T, input: TriggerInput): boolean;
}
