import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MetadataVersionEntity } from './metadata-version.entity';
import { MetadataVersionRepository } from './metadata-version.repository';
import { MetadataService } from './metadata.service';

/** Owns `metadata_version`; other modules ask MetadataService. */
@Module({
  imports: [TypeOrmModule.forFeature([MetadataVersionEntity])],
  providers: [MetadataVersionRepository, MetadataService],
  exports: [MetadataService],
})
export class MetadataModule {}
