import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { AppConfigService } from '../config/app-config.service';
import { JOB_QUEUE, type JobQueue } from './job-queue';
import { OutboxRelay } from './outbox.relay';

/**
 * Starts the background side of the jobs module where RUN_WORKERS is true (the default,
 * and always in `npm run worker`): the outbox relay and the queue's consumer. An API
 * instance with RUN_WORKERS=false only serves requests; its events wait in the outbox
 * for a worker's relay.
 */
@Injectable()
export class JobsLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Jobs');

  constructor(
    private readonly config: AppConfigService,
    private readonly relay: OutboxRelay,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.get('RUN_WORKERS') !== 'true') return;
    this.relay.start();
    this.queue.startConsumer();
    this.logger.log(`relaying the outbox and running jobs (${this.queue.driver})`);
  }

  async onModuleDestroy(): Promise<void> {
    await this.relay.stop();
    await this.queue.close();
  }
}
