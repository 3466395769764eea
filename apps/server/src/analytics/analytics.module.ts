import { Module } from '@nestjs/common';
import { ApprovalsModule } from '../approvals/approvals.module';
import { MetadataModule } from '../metadata/metadata.module';
import { PipelinesModule } from '../pipelines/pipelines.module';
import { RecordsModule } from '../records/records.module';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsService } from './analytics.service';
import { DashboardService } from './dashboard.service';
import { DashboardsController } from './dashboards.controller';
import { DimensionLabels } from './dimension-labels';

/**
 * Analytics and dashboards. Owns no table: the records module renders the caller's
 * record set (`RecordSetService`), pipelines its stage history (`StageHistorySql`),
 * approvals its decisions (`ApprovalTimingSql`); this module joins and groups them in
 * SQL and turns the groups into figures through the engine.
 */
@Module({
  imports: [MetadataModule, RecordsModule, PipelinesModule, ApprovalsModule],
  controllers: [AnalyticsController, DashboardsController],
  providers: [AnalyticsService, DashboardService, DimensionLabels],
  exports: [AnalyticsService],
})
export class AnalyticsModule {}
