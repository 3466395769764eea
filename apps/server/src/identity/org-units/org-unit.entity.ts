import type { Label } from '@tessera/metadata';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One node of the org tree (company, region, office). */
@Entity({ name: 'org_unit' })
export class OrgUnitEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** Stable key, as in org metadata (`east_china`). */
  @Column('text')
  key!: string;

  @Column('jsonb')
  label!: Label;

  @Column('uuid', { name: 'parent_id', nullable: true })
  parentId!: string | null;

  @Column('uuid', { name: 'manager_user_id', nullable: true })
  managerUserId!: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
