import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { MetadataDraftEntity } from './metadata-draft.entity';
import type { StoredDocument } from './metadata-version';

export const CURRENT_DRAFT = 'current';

/** Every read and write of `metadata_draft`. */
@Injectable()
export class MetadataDraftRepository {
  constructor(@InjectRepository(MetadataDraftEntity) private readonly rows: Repository<MetadataDraftEntity>) {}

  find(id = CURRENT_DRAFT): Promise<MetadataDraftEntity | null> {
    return this.rows.findOneBy({ id });
  }

  async remove(id = CURRENT_DRAFT): Promise<void> {
    await this.rows.delete({ id });
  }

  async save(documents: StoredDocument[], baseVersion: number | null, updatedBy: string | null, id = CURRENT_DRAFT): Promise<MetadataDraftEntity> {
    return this.rows.save({ id, documents, baseVersion, updatedBy, updatedAt: new Date() });
  }
}
