import { Injectable } from '@nestjs/common';
import { DatabaseStatusService, type DatabaseStatus } from '../database/database-status.service';
import { QueueStatusService, type QueueStatus } from '../queue/queue-status.service';

export interface HealthReport {
  /** `degraded` when a dependency is down; the database being down also makes it a 503. */
  status: 'ok' | 'degraded';
  database: DatabaseStatus;
  queue: QueueStatus;
}

@Injectable()
export class HealthService {
  constructor(
    private readonly database: DatabaseStatusService,
    private readonly queue: QueueStatusService,
  ) {}

  async report(): Promise<HealthReport> {
    const [database, queue] = await Promise.all([this.database.status(), this.queue.status()]);
    const ok = database.status === 'up' && queue.status !== 'down';
    return { status: ok ? 'ok' : 'degraded', database, queue };
  }
}
