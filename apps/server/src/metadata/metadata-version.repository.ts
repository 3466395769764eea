import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, Repository } from 'typeorm';
import type { MetadataVersion } from './metadata-version';
import { MetadataVersionEntity } from './metadata-version.entity';

export type NewMetadataVersion = Omit<MetadataVersion, 'version' | 'publishedAt'>;

/** Every read and write of `metadata_version`; nothing else touches the table. */
@Injectable()
export class MetadataVersionRepository {
  constructor(
    @InjectRepository(MetadataVersionEntity) private readonly rows: Repository<MetadataVersionEntity>,
    private readonly dataSource: DataSource,
  ) {}

  findLatest(): Promise<MetadataVersion | null> {
    return this.rows.findOne({ where: {}, order: { version: 'DESC' } });
  }

  findByVersion(version: number): Promise<MetadataVersion | null> {
    return this.rows.findOneBy({ version });
  }

  /**
   * Inserts the row numbered one past the latest. The table lock (it blocks other
   * writers, not readers) makes two concurrent publishes take turns instead of both
   * claiming the same number.
   */
  appendNext(row: NewMetadataVersion, manager?: EntityManager): Promise<MetadataVersion> {
    if (manager) return this.appendIn(manager, row);
    return this.dataSource.transaction((m) => this.appendIn(m, row));
  }

  /** Takes the publish lock and returns the latest version, inside the caller's transaction. */
  async lockLatest(manager: EntityManager): Promise<MetadataVersion | null> {
    await manager.query('LOCK TABLE "metadata_version" IN SHARE ROW EXCLUSIVE MODE');
    return manager.findOne(MetadataVersionEntity, { where: {}, order: { version: 'DESC' } });
  }

  /** The latest version number only: a cheap check of whether a cached version is current. */
  async latestNumber(): Promise<number> {
    const [{ v }] = await this.dataSource.query<Array<{ v: number | null }>>('SELECT MAX("version") AS "v" FROM "metadata_version"');
    return Number(v ?? 0);
  }

  async list(): Promise<Array<Omit<MetadataVersion, 'documents'>>> {
    return this.rows.find({ select: ['id', 'version', 'checksum', 'publishedAt', 'publishedBy', 'note'], order: { version: 'DESC' } });
  }

  private async appendIn(manager: EntityManager, row: NewMetadataVersion): Promise<MetadataVersion> {
    await manager.query('LOCK TABLE "metadata_version" IN SHARE ROW EXCLUSIVE MODE');
    const [{ next }] = await manager.query<Array<{ next: number }>>(
      'SELECT COALESCE(MAX("version"), 0) + 1 AS "next" FROM "metadata_version"',
    );
    const entity = manager.create(MetadataVersionEntity, { ...row, version: Number(next), publishedAt: new Date() });
    return manager.save(entity);
  }
}
