import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '../identity/identity.module';
import { MetadataModule } from '../metadata/metadata.module';
import { RecordsModule } from '../records/records.module';
import { FileAccessService } from './file-access.service';
import { FileAttachmentEntity } from './file-attachment.entity';
import { FileAttachmentRepository } from './file-attachment.repository';
import { FilesController } from './files.controller';
import { FilesService } from './files.service';
import { storageDriverProvider } from './storage/storage.provider';

/**
 * Owns `file_attachment` and the storage driver (the bytes). Other modules ask
 * FilesService, e.g. stage gates for `countByCategory`.
 */
@Module({
  imports: [TypeOrmModule.forFeature([FileAttachmentEntity]), MetadataModule, IdentityModule, RecordsModule],
  controllers: [FilesController],
  providers: [FileAttachmentRepository, FileAccessService, FilesService, storageDriverProvider],
  exports: [FilesService],
})
export class FilesModule {}
