import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UserError } from '../common/errors/user.error';
import { uuidv7 } from '../common/uuid7';
import type { AuditEntry, AuditEvent } from './audit-event';
import type { AuditLogEntity } from './audit-log.entity';
import { AuditLogRepository } from './audit-log.repository';
import { encodeAuditCursor, parseAuditQuery, type RawAuditQuery } from './audit-query.parse';
import { currentRequestContext } from './request-context';

export interface AuditPage {
  items: AuditEntry[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/**
 * The security audit log. Modules record events here (login, role changes, ownership
 * transfers, exports, API key use); admins read them. Nothing updates or deletes a row.
 */
@Injectable()
export class AuditService {
  constructor(private readonly log: AuditLogRepository) {}

  /**
   * Appends one event. Pass the EntityManager of your transaction to make the event
   * part of it (a transfer that rolls back leaves no audit row). Request id, client IP
   * and, unless given, the actor come from the request being served.
   */
  async record(event: AuditEvent, manager?: EntityManager): Promise<void> {
    const context = currentRequestContext();
    const actorId = event.actorId !== undefined ? event.actorId : (context?.actor?.id ?? null);
    const actorName = event.actorName ?? (context?.actor && context.actor.id === actorId ? context.actor.name : null);
    const row: AuditLogEntity = {
      id: uuidv7(),
      at: new Date(),
      action: event.action,
      actorId,
      actorName,
      targetType: event.target?.type ?? null,
      targetId: event.target?.id ?? null,
      details: event.details ?? {},
      ip: context?.ip ?? null,
      requestId: context?.requestId ?? null,
    };
    await this.log.insert(row, manager);
  }

  async list(raw: RawAuditQuery): Promise<AuditPage> {
    const { query, errors } = parseAuditQuery(raw);
    if (errors.length > 0) throw new UserError({ status: 400, code: 'query-invalid', title: 'The audit query is not valid', errors });
    const rows = await this.log.find(query);
    const page = rows.slice(0, query.limit);
    return {
      items: page.map(toEntry),
      nextCursor: rows.length > query.limit ? encodeAuditCursor(page[page.length - 1].id) : null,
    };
  }
}

function toEntry(row: AuditLogEntity): AuditEntry {
  return {
    id: row.id,
    at: row.at.toISOString(),
    action: row.action,
    actorId: row.actorId,
    actorName: row.actorName,
    target: row.targetType === null ? null : { type: row.targetType, id: row.targetId },
    details: row.details,
    ip: row.ip,
    requestId: row.requestId,
  };
}
