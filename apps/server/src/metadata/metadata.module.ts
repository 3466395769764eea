import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MetadataDraftEntity } from './metadata-draft.entity';
import { MetadataDraftRepository } from './metadata-draft.repository';
import { MetadataPublishService } from './metadata-publish.service';
import { MetadataRuntime } from './metadata-runtime.service';
import { MetadataVersionEntity } from './metadata-version.entity';
import { MetadataVersionRepository } from './metadata-version.repository';
import { MetadataController } from './metadata.controller';
import { MetadataService } from './metadata.service';
import { PublishHooks } from './publish-hooks';

/**
 * Owns `metadata_version` and `metadata_draft`. Other modules read the published
 * metadata through MetadataRuntime and change their tables on publish through
 * PublishHooks.
 */
@Module({
  imports: [TypeOrmModule.forFeature([MetadataVersionEntity, MetadataDraftEntity])],
  controllers: [MetadataController],
  providers: [MetadataVersionRepository, MetadataDraftRepository, MetadataService, MetadataRuntime, MetadataPublishService, PublishHooks],
  exports: [MetadataService, MetadataRuntime, MetadataPublishService, PublishHooks],
})
export class MetadataModule {}
