import { Module, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MetadataModule } from '../metadata/metadata.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { GateFactsProviders } from '../pipelines/gate-facts.providers';
import { PipelinesModule } from '../pipelines/pipelines.module';
import { RecordWriteGuards } from '../records/record-hooks';
import { RecordsModule } from '../records/records.module';
import { TimersModule } from '../timers/timers.module';
import { TimersService } from '../timers/timers.service';
import { ApprovalCandidatesService } from './approval-candidates.service';
import { approvalFactsProvider } from './approval-facts.provider';
import { ApprovalFlowCatalog } from './approval-flow.catalog';
import { ApprovalLockGuard } from './approval-lock.guard';
import { ApprovalOutcomeRunner } from './approval-outcome.runner';
import { ApprovalReadService } from './approval-read.service';
import { ApprovalSlaTimer } from './approval-sla.timer';
import { ApprovalStartPreparer } from './approval-start.prepare';
import { ApprovalStartTimer } from './approval-start.timer';
import { ApprovalTimingSql } from './approval-timing.sql';
import { ApprovalTransitionWriter } from './approval-transition.writer';
import { ApprovalTriggers } from './approval-triggers';
import { ApprovalRepository } from './approval.repository';
import { ApprovalService } from './approval.service';
import { ApprovalsController, RecordApprovalsController } from './approvals.controller';
import { ApprovalSimulateController } from './approval-simulate.controller';
import { ApprovalSimulateService } from './approval-simulate.service';
import { PrincipalsResolver } from './principals/principals.resolve';

/**
 * Approval flows at run time. Owns `approval_instance`, `approval_task` and
 * `approval_event`; locks records through a RecordWriteGuard, escalates through the
 * timers module (kinds approval.sla and approval.start), notifies through the
 * notifications module and tells stage gates the latest outcome per flow.
 */
@Module({
  imports: [MetadataModule, RecordsModule, TimersModule, NotificationsModule, PipelinesModule],
  controllers: [RecordApprovalsController, ApprovalsController, ApprovalSimulateController],
  providers: [
    ApprovalRepository,
    ApprovalFlowCatalog,
    PrincipalsResolver,
    ApprovalStartPreparer,
    ApprovalOutcomeRunner,
    ApprovalTransitionWriter,
    ApprovalService,
    ApprovalReadService,
    ApprovalCandidatesService,
    ApprovalTriggers,
    ApprovalLockGuard,
    ApprovalSlaTimer,
    ApprovalStartTimer,
    ApprovalTimingSql,
    ApprovalSimulateService,
  ],
  exports: [ApprovalService, ApprovalReadService, ApprovalTimingSql],
})
export class ApprovalsModule implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: ApprovalRepository,
    private readonly guards: RecordWriteGuards,
    private readonly guard: ApprovalLockGuard,
    private readonly timers: TimersService,
    private readonly sla: ApprovalSlaTimer,
    private readonly starts: ApprovalStartTimer,
    private readonly facts: GateFactsProviders,
  ) {}

  onModuleInit(): void {
    this.guards.register(this.guard);
    this.timers.register(this.sla);
    this.timers.register(this.starts);
    this.facts.register(approvalFactsProvider(this.repo, this.dataSource));
  }
}
