import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { UserError } from '../common/errors/user.error';
import { requestIdOf } from '../common/request-id';
import { isUuid } from '../common/uuid';
import type { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/current-actor.decorator';
import { RecordTransferService, type BulkTransfer } from './record-transfer.service';

function requireUuid(value: unknown, path: string): string {
  if (!isUuid(value)) throw new UserError({ status: 422, code: 'transfer-invalid', title: 'The request is invalid', errors: [{ path, code: 'format', message: 'expected a user id (uuid)' }] });
  return value.toLowerCase();
}

/** Changing who owns records: one at a time, or everything a user owns. */
@Controller()
export class OwnershipController {
  constructor(private readonly transfers: RecordTransferService) {}

  @Post('objects/:object/records/:id/transfer')
  @HttpCode(200)
  one(@CurrentActor() actor: Actor, @Param('object') object: string, @Param('id') id: string, @Body() body: { toUserId?: unknown }, @Req() req: Request) {
    return this.transfers.transferOne(actor, object, requireUuid(id, '/id'), requireUuid(body?.toUserId, '/toUserId'), requestIdOf(req));
  }

  /**
   * Bulk transfer in one transaction: a departing rep's book `{ fromUserId, toUserId,
   * objects?, filters? }`, or a selection whoever owns it `{ toUserId, objects, filters }`.
   */
  @Post('ownership/transfer')
  @HttpCode(200)
  bulk(@CurrentActor() actor: Actor, @Body() body: Partial<BulkTransfer>, @Req() req: Request) {
    if (body?.objects !== undefined && (!Array.isArray(body.objects) || !body.objects.every((o) => typeof o === 'string'))) {
      throw new UserError({ status: 422, code: 'transfer-invalid', title: 'The request is invalid', errors: [{ path: '/objects', code: 'type', message: 'a list of object keys' }] });
    }
    return this.transfers.transferAll(
      actor,
      { fromUserId: body?.fromUserId === undefined ? undefined : requireUuid(body.fromUserId, '/fromUserId'), toUserId: requireUuid(body?.toUserId, '/toUserId'), objects: body.objects, filters: body.filters as Record<string, unknown> | undefined },
      requestIdOf(req),
    );
  }
}
