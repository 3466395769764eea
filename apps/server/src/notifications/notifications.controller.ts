import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { UserError } from '../common/errors/user.error';
import type { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/current-actor.decorator';
import { isUuid } from '../common/uuid';
import type { NotificationView } from './notification';
import { NotificationsService } from './notifications.service';

const notFound = (id: string) => new UserError({ status: 404, code: 'notification-not-found', title: 'Notification not found', detail: `No notification ${id} of yours` });

/** The signed-in user's notifications: /api/notifications */
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** Newest first, with the unread count; `unread=true` lists unread only; `before=<id>` pages. */
  @Get()
  list(@CurrentActor() actor: Actor, @Query('unread') unread?: string, @Query('limit') limit?: string, @Query('before') before?: string) {
    const n = limit === undefined ? 50 : Number(limit);
    const errors = [];
    if (!Number.isInteger(n) || n < 1 || n > 200) errors.push({ path: '/limit', code: 'limit.range', message: 'limit must be an integer 1-200' });
    if (before !== undefined && !isUuid(before)) errors.push({ path: '/before', code: 'before.format', message: 'before must be a notification id' });
    if (errors.length) throw new UserError({ status: 400, code: 'query-invalid', title: 'The query is invalid', errors });
    return this.notifications.list(actor, { unreadOnly: unread === 'true', limit: n, before });
  }

  /** The badge: how many of the user's notifications are unread. */
  @Get('unread-count')
  async unreadCount(@CurrentActor() actor: Actor): Promise<{ unread: number }> {
    return { unread: await this.notifications.unreadCount(actor) };
  }

  @Post('read-all')
  @HttpCode(200)
  async readAll(@CurrentActor() actor: Actor): Promise<{ marked: number }> {
    return { marked: await this.notifications.markAllRead(actor) };
  }

  @Post(':id/read')
  @HttpCode(200)
  async read(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<NotificationView> {
    if (!isUuid(id)) throw notFound(id);
    return (await this.notifications.markRead(actor, id)) ?? Promise.reject(notFound(id));
  }
}
