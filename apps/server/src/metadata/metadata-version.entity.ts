import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MetadataVersion, StoredDocument } from './metadata-version';

@Entity({ name: 'metadata_version' })
export class MetadataVersionEntity implements MetadataVersion {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('integer', { unique: true })
  version!: number;

  @Column('jsonb')
  documents!: StoredDocument[];

  @Column('text')
  checksum!: string;

  @Column('timestamptz', { name: 'published_at' })
  publishedAt!: Date;

  @Column('text', { name: 'published_by', nullable: true })
  publishedBy!: string | null;

  @Column('text', { nullable: true })
  note!: string | null;
}
