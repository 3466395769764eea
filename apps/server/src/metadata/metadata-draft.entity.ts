import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { StoredDocument } from './metadata-version';

/** The working copy the designer edits; publishing turns it into a version. */
@Entity({ name: 'metadata_draft' })
export class MetadataDraftEntity {
  @PrimaryColumn('text')
  id!: string;

  @Column('jsonb')
  documents!: StoredDocument[];

  /** The published version the draft started from (to warn about concurrent publishes). */
  @Column('integer', { name: 'base_version', nullable: true })
  baseVersion!: number | null;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;

  @Column('text', { name: 'updated_by', nullable: true })
  updatedBy!: string | null;
}
