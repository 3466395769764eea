import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { MetadataModule } from '../metadata/metadata.module';
import { RecordCommentsController } from './comments/record-comments.controller';
import { RecordCommentsService } from './comments/record-comments.service';
import { RecordDerivedFields } from './record-derived-fields';
import { RecordExportController } from './record-export.controller';
import { RecordExportService } from './record-export.service';
import { RecordOwnersController, RecordOwnersService } from './record-owners.controller';
import { RecordWriteGuards } from './record-hooks';
import { RecordImportHooks } from './record-import-hooks';
import { RecordImportService } from './record-import.service';
import { RecordReadService } from './record-read.service';
import { RecordSetService } from './record-set.service';
import { RecordTablesService } from './record-tables.service';
import { RecordWriteService } from './record-write.service';
import { RecordRepository } from './record.repository';
import { OpenApiController } from './openapi.controller';
import { OwnershipController } from './ownership.controller';
import { RecordTransferService } from './record-transfer.service';
import { RecordsController } from './records.controller';
import { SavedViewsController } from './views/saved-views.controller';
import { SavedViewsService } from './views/saved-views.service';

/**
 * Owns the object tables (`data.*`), `record_history`, `autonumber_counter`,
 * `record_comment` and `saved_view`: creates and alters the tables on publish, and serves the record API
 * (with CSV export and users' saved list views).
 */
@Module({
  imports: [MetadataModule, IdentityModule],
  // Export and views first: their fixed paths must win over the records controller's `:id`.
  controllers: [RecordExportController, SavedViewsController, RecordOwnersController, RecordCommentsController, RecordsController, OpenApiController, OwnershipController],
  providers: [RecordRepository, RecordTablesService, RecordReadService, RecordWriteService, RecordWriteGuards, RecordTransferService, RecordImportService, RecordImportHooks, RecordDerivedFields, RecordSetService, RecordExportService, SavedViewsService, RecordOwnersService, RecordCommentsService],
  exports: [RecordReadService, RecordWriteService, RecordWriteGuards, RecordTransferService, RecordImportService, RecordImportHooks, RecordDerivedFields, RecordSetService],
})
export class RecordsModule {}
