import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { UserError } from '../common/errors/user.error';
import { AdminOnly } from '../identity/require-access.decorator';
import { isUuid } from '../common/uuid';
import { JobsService } from './jobs.service';

/** Jobs that used up their tries: /api/admin/jobs/dead-letters */
@Controller('admin/jobs/dead-letters')
@AdminOnly()
export class DeadLettersController {
  constructor(private readonly jobs: JobsService) {}

  /** Newest first; `all=true` includes those retried already; `handler=webhook` filters. */
  @Get()
  async list(@Query('all') all?: string, @Query('handler') handler?: string, @Query('limit') limit?: string) {
    const n = limit === undefined ? 50 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 500) throw new UserError({ status: 400, code: 'query-invalid', title: 'The query is invalid', errors: [{ path: '/limit', code: 'limit.range', message: 'limit must be an integer 1-500' }] });
    return { items: await this.jobs.listDeadLetters({ open: all !== 'true', handler, limit: n }) };
  }

  /** Queues the job again with a fresh set of tries. */
  @Post(':id/retry')
  @HttpCode(202)
  async retry(@Param('id') id: string) {
    if (!isUuid(id)) throw new UserError({ status: 404, code: 'dead-letter-not-found', title: 'Dead letter not found', detail: `No dead letter ${id}` });
    const { deadLetter, jobId } = await this.jobs.retryDeadLetter(id);
    return { id: deadLetter.id, jobId, retriedAt: deadLetter.retriedAt };
  }
}
