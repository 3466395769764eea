import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { DataSource } from 'typeorm';
import { PollLoop } from '../common/poll-loop';
import { AppConfigService } from '../config/app-config.service';
import type { DueTimer } from './timer';
import { TimerHandlers } from './timer-handlers';
import { TimerRepository } from './timer.repository';

/** Failed handlers retry after 2^attempts seconds (capped), and give up after this many tries. */
const MAX_ATTEMPTS = 8;
const MAX_BACKOFF_MS = 15 * 60_000;
/** Timers fired per tick before yielding, so one instance cannot starve the pool. */
const BATCH = 50;

/**
 * Fires due timers. Each timer is claimed (SELECT … FOR UPDATE SKIP LOCKED), handled and
 * marked fired in one transaction: a crash before commit leaves it due for the next
 * poll or instance; a second instance skips the locked row or finds it fired, so each
 * timer fires once.
 */
@Injectable()
export class TimerPoller implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Timers');
  private readonly instance = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly loop = new PollLoop(
    () => this.tick(),
    () => this.config.get('TIMER_POLL_INTERVAL'),
    (message) => this.logger.error(`timer poll failed: ${message}`),
  );

  constructor(
    private readonly dataSource: DataSource,
    private readonly timers: TimerRepository,
    private readonly handlers: TimerHandlers,
    private readonly config: AppConfigService,
  ) {}

  onApplicationBootstrap(): void {
    // API-only instances (RUN_WORKERS=false) leave due timers to the workers.
    if (this.config.get('RUN_WORKERS') === 'true') this.loop.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.loop.stop();
  }

  /** Fires every due timer now (up to a batch); resolves to how many fired. Tests and the worker call it directly. */
  runDue(): Promise<number> {
    return this.loop.runNow();
  }

  private async tick(): Promise<number> {
    const kinds = this.handlers.kinds();
    if (kinds.length === 0) return 0;
    let fired = 0;
    for (const timer of await this.timers.due(kinds, BATCH)) {
      if (this.loop.stopped) break;
      if (await this.fire(timer)) fired++;
    }
    return fired;
  }

  /** Prepares, then claims, fires and marks one timer in one transaction; false when another instance had it. */
  private async fire(timer: DueTimer): Promise<boolean> {
    const handler = this.handlers.get(timer.kind)!;
    const attempt = { ...timer, attempts: timer.attempts + 1 };
    try {
      const prepared = handler.prepare ? await handler.prepare(attempt) : undefined;
      return await this.dataSource.transaction(async (m) => {
        if (!(await this.timers.claim(m, timer.id, this.instance))) return false;
        await handler.fire(attempt, m, prepared);
        await this.timers.markFired(m, timer.id);
        return true;
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt.attempts);
      this.logger.warn(`timer ${timer.id} (${timer.kind}) failed on attempt ${attempt.attempts}: ${message}`);
      await this.timers.markFailed(timer.id, message, backoff, MAX_ATTEMPTS);
      return false;
    }
  }
}
