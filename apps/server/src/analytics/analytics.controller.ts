import { Controller, Get, Param, Query } from '@nestjs/common';
import type { AnalyticsResult, RawAnalyticsParams } from '@tessera/engine';
import type { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/current-actor.decorator';
import { AnalyticsService } from './analytics.service';

/**
 * GET /api/analytics/:object/:query — funnel, dwell, trend, forecast, heatmap, health,
 * aggregate, overdue — with the filters as query parameters (period or from/to, tz,
 * dateField, owner, unit, filter, f.<field>, and the query's own).
 */
@Controller('analytics')
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  @Get(':object/:query')
  run(@CurrentActor() actor: Actor, @Param('object') object: string, @Param('query') query: string, @Query() params: RawAnalyticsParams): Promise<AnalyticsResult> {
    return this.analytics.run(actor, object, query, params);
  }
}
