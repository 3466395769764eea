import { Controller, Get, Query } from '@nestjs/common';
import { UserError } from '../common/errors/user.error';
import { AdminOnly } from '../identity/require-access.decorator';
import { isUuid } from '../common/uuid';
import { AutomationRunRepository } from './automation-run.repository';

/** The run log: /api/admin/automations/runs */
@Controller('admin/automations/runs')
@AdminOnly()
export class AutomationRunsController {
  constructor(private readonly runs: AutomationRunRepository) {}

  /** Newest first; filters: automation, object, recordId, status (succeeded, skipped, failed, stopped). */
  @Get()
  async list(@Query('automation') automation?: string, @Query('object') object?: string, @Query('recordId') recordId?: string, @Query('status') status?: string, @Query('limit') limit?: string) {
    const n = limit === undefined ? 100 : Number(limit);
    const errors = [];
    if (!Number.isInteger(n) || n < 1 || n > 1000) errors.push({ path: '/limit', code: 'limit.range', message: 'limit must be an integer 1-1000' });
    if (recordId !== undefined && !isUuid(recordId)) errors.push({ path: '/recordId', code: 'recordId.format', message: 'recordId must be a record id' });
    if (status !== undefined && !['succeeded', 'skipped', 'failed', 'stopped'].includes(status)) errors.push({ path: '/status', code: 'status.enum', message: 'status must be succeeded, skipped, failed or stopped' });
    if (errors.length) throw new UserError({ status: 400, code: 'query-invalid', title: 'The query is invalid', errors });
    return { items: await this.runs.list({ automation, object, recordId, status, limit: n }) };
  }
}
