import { Entity, PrimaryColumn } from 'typeorm';

/** One role granted to one user. Role keys name role documents of the published metadata (or the built-in `admin`). */
@Entity({ name: 'user_role' })
export class UserRoleEntity {
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId!: string;

  @PrimaryColumn('text', { name: 'role_key' })
  roleKey!: string;
}
