import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { MetadataModule } from '../metadata/metadata.module';
import { RecordDerivedFields } from './record-derived-fields';
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

/**
 * Owns the object tables (`data.*`), `record_history` and `autonumber_counter`:
 * creates and alters the tables on publish, and serves the record API.
 */
@Module({
  imports: [MetadataModule, IdentityModule],
  controllers: [RecordsController, OpenApiController, OwnershipController],
  providers: [RecordRepository, RecordTablesService, RecordReadService, RecordWriteService, RecordWriteGuards, RecordTransferService, RecordImportService, RecordImportHooks, RecordDerivedFields, RecordSetService],
  exports: [RecordReadService, RecordWriteService, RecordWriteGuards, RecordTransferService, RecordImportService, RecordImportHooks, RecordDerivedFields, RecordSetService],
})
export class RecordsModule {}
