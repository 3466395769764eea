import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { RawAnalyticsParams } from '@tessera/engine';
import type { DashboardDefinition } from '@tessera/metadata';
import type { Response } from 'express';
import type { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/current-actor.decorator';
import type { DashboardSummary, WidgetEvaluation } from '@tessera/engine';
import { DashboardService } from './dashboard.service';

/**
 *   GET /api/dashboards                              the dashboards the caller may see
 *   GET /api/dashboards/:key                         one dashboard document (refreshSeconds filled in)
 *   GET /api/dashboards/:key/widgets/:widget         one widget computed, with the filter bar's parameters
 *   GET /api/dashboards/:key/widgets/:widget/csv     its table as CSV (export right, audited)
 */
@Controller('dashboards')
export class DashboardsController {
  constructor(private readonly dashboards: DashboardService) {}

  @Get()
  list(@CurrentActor() actor: Actor): Promise<{ items: DashboardSummary[] }> {
    return this.dashboards.list(actor);
  }

  @Get(':key')
  get(@CurrentActor() actor: Actor, @Param('key') key: string): Promise<DashboardDefinition & { refreshSeconds: number }> {
    return this.dashboards.get(actor, key);
  }

  @Get(':key/widgets/:widget')
  widget(@CurrentActor() actor: Actor, @Param('key') key: string, @Param('widget') widget: string, @Query() params: RawAnalyticsParams): Promise<WidgetEvaluation> {
    return this.dashboards.widget(actor, key, widget, params);
  }

  @Get(':key/widgets/:widget/csv')
  async csv(@CurrentActor() actor: Actor, @Param('key') key: string, @Param('widget') widget: string, @Query() params: RawAnalyticsParams, @Res() res: Response): Promise<void> {
    const file = await this.dashboards.csv(actor, key, widget, params);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    // Dashboard and widget keys are [a-z0-9_]: the name needs no encoding.
    res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.send(file.body);
  }
}
