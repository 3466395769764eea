import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../identity/actor';
import type { NotificationMessage, NotificationView } from './notification';
import { NotificationRepository, type NotificationRow } from './notification.repository';

const view = (r: NotificationRow, locale: Actor['locale']): NotificationView => ({
  id: r.id,
  title: r.title[locale],
  body: r.body ? r.body[locale] : null,
  link: r.object && r.record_id ? { object: r.object, recordId: r.record_id, href: `/api/objects/${r.object}/records/${r.record_id}` } : null,
  source: r.source,
  createdAt: new Date(r.created_at).toISOString(),
  readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
});

/**
 * In-app notifications. Writers notify inside their own transaction (a timer's firing,
 * an approval step), so a notification exists exactly when its cause committed.
 */
@Injectable()
export class NotificationsService {
  constructor(private readonly repo: NotificationRepository) {}

  /** Notifies each user once (duplicates in `userIds` and repeated dedupe keys are dropped). */
  notify(m: EntityManager, userIds: readonly string[], message: NotificationMessage): Promise<string[]> {
    return this.repo.insert(m, userIds, message);
  }

  async list(actor: Actor, opts: { unreadOnly: boolean; limit: number; before?: string }): Promise<{ items: NotificationView[]; unread: number }> {
    const [rows, unread] = await Promise.all([this.repo.listFor(actor.userId, opts), this.repo.unreadCount(actor.userId)]);
    return { items: rows.map((r) => view(r, actor.locale)), unread };
  }

  unreadCount(actor: Actor): Promise<number> {
    return this.repo.unreadCount(actor.userId);
  }

  markAllRead(actor: Actor): Promise<number> {
    return this.repo.markAllRead(actor.userId);
  }

  async markRead(actor: Actor, id: string): Promise<NotificationView | undefined> {
    const row = await this.repo.markRead(actor.userId, id);
    return row && view(row, actor.locale);
  }
}
