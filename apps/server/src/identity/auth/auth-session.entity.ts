import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One sign-in: the family of its refresh tokens. Its id travels in access tokens as `sid`. */
@Entity({ name: 'auth_session' })
export class AuthSessionEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'user_id' })
  userId!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;

  /** logout | refresh_reuse | password_reset | disabled */
  @Column('text', { name: 'revoked_reason', nullable: true })
  revokedReason!: string | null;

  @Column('text', { nullable: true })
  ip!: string | null;

  @Column('text', { name: 'user_agent', nullable: true })
  userAgent!: string | null;
}
