import { Controller, Get, Query } from '@nestjs/common';
import { AdminOnly } from '../identity/require-access.decorator';
import { AuditService, type AuditPage } from './audit.service';
import type { RawAuditQuery } from './audit-query.parse';

@Controller('admin/audit')
@AdminOnly()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** Newest first. Filters: action (`auth.login`, `auth.*`, comma separated), actorId, targetType, targetId, from, to; limit, cursor. */
  @Get()
  list(@Query() query: RawAuditQuery): Promise<AuditPage> {
    return this.audit.list(query);
  }
}
