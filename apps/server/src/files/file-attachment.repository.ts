import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, type EntityManager, type Repository } from 'typeorm';
import { FileAttachmentEntity } from './file-attachment.entity';

export interface AttachmentFilter {
  /** Only these fields (the ones the caller may see). */
  fields: string[];
  category?: string;
}

/** Every statement on `file_attachment`. */
@Injectable()
export class FileAttachmentRepository {
  constructor(@InjectRepository(FileAttachmentEntity) private readonly rows: Repository<FileAttachmentEntity>) {}

  /**
   * Serialises uploads to one field of one record until the transaction ends, so two
   * concurrent uploads cannot both pass the count limit.
   */
  async lockField(m: EntityManager, object: string, recordId: string, field: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`file_attachment:${object}:${recordId}:${field}`]);
  }

  countLive(object: string, recordId: string, field: string, m?: EntityManager): Promise<number> {
    return this.repo(m).countBy({ object, recordId, field, deletedAt: IsNull() });
  }

  async insert(m: EntityManager, rows: FileAttachmentEntity[]): Promise<void> {
    await m.getRepository(FileAttachmentEntity).insert(rows);
  }

  findLive(id: string): Promise<FileAttachmentEntity | null> {
    return this.rows.findOneBy({ id, deletedAt: IsNull() });
  }

  /** Live files of a record, oldest first. */
  listLive(object: string, recordId: string, filter: AttachmentFilter): Promise<FileAttachmentEntity[]> {
    if (filter.fields.length === 0) return Promise.resolve([]);
    return this.rows.find({
      where: { object, recordId, field: In(filter.fields), deletedAt: IsNull(), ...(filter.category !== undefined && { category: filter.category }) },
      order: { uploadedAt: 'ASC', id: 'ASC' },
    });
  }

  /** Marks a live file deleted; false when it was not live (deleted meanwhile). */
  async softDelete(m: EntityManager, id: string, by: string): Promise<boolean> {
    const result = await m.getRepository(FileAttachmentEntity).update({ id, deletedAt: IsNull() }, { deletedAt: () => 'now()', deletedBy: by });
    return (result.affected ?? 0) > 0;
  }

  /** Live files of a record counted per field and category (category null for uncategorised fields). */
  async countByCategory(object: string, recordId: string): Promise<Array<{ field: string; category: string | null; n: number }>> {
    return this.rows
      .createQueryBuilder('f')
      .select('f.field', 'field')
      .addSelect('f.category', 'category')
      .addSelect('count(*)::int', 'n')
      .where('f.object = :object AND f.record_id = :recordId AND f.deleted_at IS NULL', { object, recordId })
      .groupBy('f.field')
      .addGroupBy('f.category')
      .getRawMany();
  }

  private repo(m?: EntityManager): Repository<FileAttachmentEntity> {
    return m ? m.getRepository(FileAttachmentEntity) : this.rows;
  }
}
