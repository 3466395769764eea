import { Injectable } from '@nestjs/common';
import type { JobHandler } from './job';

/** Where modules register their job handlers (automations, webhooks), so the jobs module imports none of them. */
@Injectable()
export class JobHandlers {
  private readonly handlers = new Map<string, JobHandler>();

  register(handler: JobHandler): void {
    if (this.handlers.has(handler.name) && this.handlers.get(handler.name) !== handler) throw new Error(`a job handler ${handler.name} is registered already`);
    this.handlers.set(handler.name, handler);
  }

  get(name: string): JobHandler | undefined {
    return this.handlers.get(name);
  }

  all(): JobHandler[] {
    return [...this.handlers.values()];
  }
}
