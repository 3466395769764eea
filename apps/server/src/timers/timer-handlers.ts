import { Injectable } from '@nestjs/common';
import type { TimerHandler } from './timer';

/**
 * Where modules register what runs when their timers are due (pipelines: stage
 * timeouts; approvals: SLAs; automations: schedules), so the timers module imports none
 * of them. An instance only claims timers of kinds it has a handler for.
 */
@Injectable()
export class TimerHandlers {
  private readonly handlers = new Map<string, TimerHandler>();

  register(handler: TimerHandler): void {
    if (this.handlers.has(handler.kind) && this.handlers.get(handler.kind) !== handler) throw new Error(`a timer handler for ${handler.kind} is registered already`);
    this.handlers.set(handler.kind, handler);
  }

  get(kind: string): TimerHandler | undefined {
    return this.handlers.get(kind);
  }

  kinds(): string[] {
    return [...this.handlers.keys()];
  }
}
