import { Module, type OnModuleInit } from '@nestjs/common';
import { FilesModule } from '../files/files.module';
import { FilesService } from '../files/files.service';
import { MetadataModule } from '../metadata/metadata.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { RecordDerivedFields } from '../records/record-derived-fields';
import { RecordWriteGuards } from '../records/record-hooks';
import { RecordImportHooks } from '../records/record-import-hooks';
import { RecordsModule } from '../records/records.module';
import { TimersModule } from '../timers/timers.module';
import { TimersService } from '../timers/timers.service';
import { ChecklistStateRepository } from './checklist-state.repository';
import { ChecklistService } from './checklist.service';
import { filesFactsProvider } from './files-facts.adapter';
import { GateFactsProviders } from './gate-facts.providers';
import { GateFactsService } from './gate-facts.service';
import { PipelineCatalog } from './pipeline-catalog';
import { PipelineDefinitionService } from './pipeline-definition.service';
import { PipelineViewService } from './pipeline-view.service';
import { PipelinesController } from './pipelines.controller';
import { GateFactsController } from './gate-facts.controller';
import { RecordGateFactsService } from './record-gate-facts.service';
import { RecipientsResolver } from './recipients.resolve';
import { StageEntryWriter } from './stage-entry.writer';
import { StageDerivedSource } from './stage-derived.source';
import { StageHistoryRepository } from './stage-history.repository';
import { StageHistorySql } from './stage-history.sql';
import { StageImportHook } from './stage-import.hook';
import { StageMoveService } from './stage-move.service';
import { StageTimerHandlers } from './stage-timer.handlers';
import { StageWriteGuard } from './stage-write.guard';

/**
 * Stage gates. Owns `stage_history` (visits, with the overdue flag) and
 * `checklist_item_state`; writes the stage field through the records module, guards
 * plain writes of it, fires stage timeouts through the timers module, and takes
 * facts from other modules through GateFactsProviders (approvals register there).
 */
@Module({
  imports: [MetadataModule, RecordsModule, TimersModule, NotificationsModule, FilesModule],
  controllers: [PipelinesController, GateFactsController],
  providers: [
    PipelineCatalog,
    GateFactsProviders,
    GateFactsService,
    StageHistoryRepository,
    ChecklistStateRepository,
    StageEntryWriter,
    StageMoveService,
    StageWriteGuard,
    PipelineViewService,
    PipelineDefinitionService,
    ChecklistService,
    RecipientsResolver,
    StageTimerHandlers,
    StageImportHook,
    StageHistorySql,
    StageDerivedSource,
    RecordGateFactsService,
  ],
  exports: [GateFactsProviders, PipelineCatalog, GateFactsService, RecipientsResolver, StageHistorySql, StageMoveService],
})
export class PipelinesModule implements OnModuleInit {
  constructor(
    private readonly guards: RecordWriteGuards,
    private readonly guard: StageWriteGuard,
    private readonly timers: TimersService,
    private readonly handlers: StageTimerHandlers,
    private readonly facts: GateFactsProviders,
    private readonly files: FilesService,
    private readonly importHooks: RecordImportHooks,
    private readonly stageImport: StageImportHook,
    private readonly derivedFields: RecordDerivedFields,
    private readonly stageDerived: StageDerivedSource,
  ) {}

  onModuleInit(): void {
    this.guards.register(this.guard);
    this.timers.register(this.handlers.timeout);
    this.timers.register(this.handlers.warning);
    this.facts.register(filesFactsProvider(this.files));
    this.importHooks.register(this.stageImport);
    this.derivedFields.register(this.stageDerived);
  }
}
