import { Module } from '@nestjs/common';
import { MetadataModule } from '../metadata/metadata.module';
import { RecordsModule } from '../records/records.module';
import { PackExportService } from './pack-export.service';
import { PackImportService } from './pack-import.service';
import { PackInstallationRepository } from './pack-installation.repository';
import { PackSeed } from './pack-seed';
import { PacksController } from './packs.controller';

/**
 * Template packs. Owns `pack_installation`; imports through the metadata publish (in its
 * own transaction), identity (org units, demo users) and the records bulk path, all with
 * one transaction's manager; seeds SEED_PACKS on an empty platform.
 */
@Module({
  imports: [MetadataModule, RecordsModule],
  controllers: [PacksController],
  providers: [PackInstallationRepository, PackImportService, PackExportService, PackSeed],
  exports: [PackImportService, PackExportService],
})
export class PacksModule {}
