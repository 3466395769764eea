import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A row of `file_attachment` (see its migration). */
@Entity({ name: 'file_attachment' })
export class FileAttachmentEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  object!: string;

  @Column('uuid', { name: 'record_id' })
  recordId!: string;

  @Column('text')
  field!: string;

  @Column('text', { nullable: true })
  category!: string | null;

  @Column('text', { name: 'file_name' })
  fileName!: string;

  @Column('text', { name: 'mime_type' })
  mimeType!: string;

  // bigint arrives as a number (database/pg-types.ts); the transformer also covers a string.
  @Column('bigint', { transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  size!: number;

  @Column('text')
  sha256!: string;

  @Column('text', { name: 'storage_key' })
  storageKey!: string;

  @Column('uuid', { name: 'uploaded_by', nullable: true })
  uploadedBy!: string | null;

  @Column('timestamptz', { name: 'uploaded_at' })
  uploadedAt!: Date;

  @Column('timestamptz', { name: 'deleted_at', nullable: true })
  deletedAt!: Date | null;

  @Column('uuid', { name: 'deleted_by', nullable: true })
  deletedBy!: string | null;

  @Column('text', { nullable: true })
  note!: string | null;
}
