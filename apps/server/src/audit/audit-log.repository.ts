import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, type EntityManager, Repository } from 'typeorm';
import { AuditLogEntity } from './audit-log.entity';
import type { AuditQuery } from './audit-query.parse';

/** Every read and write of `audit_log`: insert and filtered, keyset-paginated reads. */
@Injectable()
export class AuditLogRepository {
  constructor(@InjectRepository(AuditLogEntity) private readonly rows: Repository<AuditLogEntity>) {}

  /** Inserts through `manager` when given, so the row commits or rolls back with the caller's change. */
  async insert(row: AuditLogEntity, manager?: EntityManager): Promise<void> {
    await (manager ?? this.rows.manager).query(
      `INSERT INTO "audit_log" ("id", "at", "action", "actor_id", "actor_name", "target_type", "target_id", "details", "ip", "request_id")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [row.id, row.at, row.action, row.actorId, row.actorName, row.targetType, row.targetId, JSON.stringify(row.details), row.ip, row.requestId],
    );
  }

  /** Newest first; `limit + 1` rows so the caller knows whether another page exists. */
  find(query: AuditQuery): Promise<AuditLogEntity[]> {
    const qb = this.rows.createQueryBuilder('a').orderBy('a.id', 'DESC').limit(query.limit + 1);
    if (query.before) qb.andWhere('a.id < :before', { before: query.before });
    if (query.actions?.length) {
      qb.andWhere(
        new Brackets((w) =>
          query.actions!.forEach((a, i) =>
            a.endsWith('.*')
              ? w.orWhere(`a.action LIKE :action${i}`, { [`action${i}`]: `${a.slice(0, -1).replace(/[\\%_]/g, '\\$&')}%` })
              : w.orWhere(`a.action = :action${i}`, { [`action${i}`]: a }),
          ),
        ),
      );
    }
    if (query.actorId) qb.andWhere('a.actor_id = :actorId', { actorId: query.actorId });
    if (query.targetType) qb.andWhere('a.target_type = :targetType', { targetType: query.targetType });
    if (query.targetId) qb.andWhere('a.target_id = :targetId', { targetId: query.targetId });
    if (query.from) qb.andWhere('a.at >= :from', { from: query.from });
    if (query.to) qb.andWhere('a.at < :to', { to: query.to });
    return qb.getMany();
  }
}
