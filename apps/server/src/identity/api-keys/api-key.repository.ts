import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository, type EntityManager } from 'typeorm';
import { ApiKeyEntity } from './api-key.entity';
import { returnedRows } from '../sql-rows';

/** Every read and write of `api_key`. */
@Injectable()
export class ApiKeyRepository {
  constructor(@InjectRepository(ApiKeyEntity) private readonly rows: Repository<ApiKeyEntity>) {}

  async insert(key: Omit<ApiKeyEntity, 'createdAt' | 'lastUsedAt' | 'revokedAt'>, m: EntityManager): Promise<ApiKeyEntity> {
    await m.insert(ApiKeyEntity, key);
    return (await m.findOneByOrFail(ApiKeyEntity, { id: key.id }));
  }

  findByPrefix(prefix: string): Promise<ApiKeyEntity | null> {
    return this.rows.findOneBy({ prefix });
  }

  findById(id: string): Promise<ApiKeyEntity | null> {
    return this.rows.findOneBy({ id });
  }

  list(filter: { userId?: string; includeRevoked: boolean }): Promise<ApiKeyEntity[]> {
    return this.rows.find({
      where: { ...(filter.userId ? { userId: filter.userId } : {}), ...(filter.includeRevoked ? {} : { revokedAt: IsNull() }) },
      order: { createdAt: 'DESC' },
    });
  }

  async revoke(id: string, m: EntityManager): Promise<boolean> {
    const rows = returnedRows(await m.query(`UPDATE "api_key" SET "revoked_at" = now() WHERE "id" = $1 AND "revoked_at" IS NULL RETURNING "id"`, [id]));
    return rows.length === 1;
  }

  /**
   * Stamps last use, at most once per `everySeconds`; true when it stamped, which is
   * when the use is worth an audit row (a busy integration must not flood the log).
   */
  async touch(id: string, everySeconds: number): Promise<boolean> {
    const rows = returnedRows(await this.rows.query(
      `UPDATE "api_key" SET "last_used_at" = now()
       WHERE "id" = $1 AND ("last_used_at" IS NULL OR "last_used_at" < now() - make_interval(secs => $2)) RETURNING "id"`,
      [id, everySeconds],
    ));
    return rows.length === 1;
  }
}
