import { Injectable, Logger } from '@nestjs/common';
import { DeadLetterRepository } from './dead-letter.repository';
import { PermanentJobError, type RunningJob } from './job';
import { JobHandlers } from './job-handlers';

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Runs one job through its handler, for either queue. A failure on the last try (or a
 * PermanentJobError) writes the dead letter before the queue hears of it, so the admin
 * list never misses a job that gave up.
 */
@Injectable()
export class JobRunner {
  private readonly logger = new Logger('Jobs');

  constructor(
    private readonly handlers: JobHandlers,
    private readonly deadLetters: DeadLetterRepository,
  ) {}

  /** Resolves true when the job is done; false when it failed and goes to the dead-letter list; throws to retry. */
  async run(job: RunningJob): Promise<boolean> {
    const handler = this.handlers.get(job.handler);
    try {
      if (!handler) throw new PermanentJobError(`no job handler ${job.handler} in this process`);
      await handler.run(job);
      return true;
    } catch (error) {
      const permanent = error instanceof PermanentJobError;
      this.logger.warn(`job ${job.jobId} failed on try ${job.attempt}${job.final || permanent ? ' (last)' : ''}: ${messageOf(error)}`);
      if (!job.final && !permanent) throw error;
      await this.deadLetters.add(undefined, { jobId: job.jobId, handler: job.handler, data: job.data, error: messageOf(error), attempts: job.attempt });
      return false;
    }
  }
}
