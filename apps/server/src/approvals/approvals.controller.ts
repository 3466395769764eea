import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { UserError } from '../common/errors/user.error';
import { requestIdOf } from '../common/request-id';
import type { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/current-actor.decorator';
import { ApprovalCandidatesService } from './approval-candidates.service';
import { ApprovalReadService } from './approval-read.service';
import { ApprovalService, type TaskActionBody } from './approval.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuid = (id: string, what: string) => {
  if (!UUID.test(id)) throw new UserError({ status: 404, code: `${what}-not-found`, title: 'Not found', detail: `${id} is not an id` });
  return id.toLowerCase();
};

/** The URL's action names and the engine's. */
const TASK_ACTIONS = { approve: 'approve', reject: 'reject', return: 'return', transfer: 'transfer', 'add-approver': 'addApprover', comment: 'comment' } as const;

type Body = Record<string, unknown> | undefined;

/** Record approvals: POST submits the record to a flow, GET lists its instances and timeline. */
@Controller('objects/:object/records/:id/approvals')
export class RecordApprovalsController {
  constructor(
    private readonly approvals: ApprovalService,
    private readonly reads: ApprovalReadService,
  ) {}

  @Post()
  async submit(@CurrentActor() actor: Actor, @Param('object') object: string, @Param('id') id: string, @Body() body: Body, @Req() req: Request) {
    const instanceId = await this.approvals.submit(actor, object, uuid(id, 'record'), body?.flow, requestIdOf(req));
    return this.reads.instance(actor, instanceId);
  }

  @Get()
  list(@CurrentActor() actor: Actor, @Param('object') object: string, @Param('id') id: string) {
    return this.reads.forRecord(actor, object, uuid(id, 'record'));
  }
}

/** The inbox, task actions, recall and one instance: /api/approvals/... */
@Controller('approvals')
export class ApprovalsController {
  constructor(
    private readonly approvals: ApprovalService,
    private readonly reads: ApprovalReadService,
    private readonly candidates: ApprovalCandidatesService,
  ) {}

  /** Users the holder of a pending task may transfer it to or add (?q= searches login and name). */
  @Get('tasks/:taskId/candidates')
  candidatesFor(@CurrentActor() actor: Actor, @Param('taskId') taskId: string, @Query('q') q?: string) {
    return this.candidates.forTask(actor, uuid(taskId, 'approval-task'), q);
  }

  /** ?state=pending (tasks the caller may act on now) | submitted | handled. */
  @Get('tasks')
  inbox(@CurrentActor() actor: Actor, @Query('state') state?: string) {
    return this.reads.inbox(actor, state);
  }

  @Post('tasks/:taskId/:action')
  @HttpCode(200)
  async act(@CurrentActor() actor: Actor, @Param('taskId') taskId: string, @Param('action') action: string, @Body() body: Body, @Req() req: Request) {
    const kind = (TASK_ACTIONS as Record<string, TaskActionBody['kind'] | undefined>)[action];
    if (!kind || !Object.hasOwn(TASK_ACTIONS, action)) throw new UserError({ status: 404, code: 'action-not-found', title: 'Unknown approval action', detail: `Actions are ${Object.keys(TASK_ACTIONS).join(', ')}` });
    const instanceId = await this.approvals.act(actor, uuid(taskId, 'approval-task'), { ...(body ?? {}), kind } as TaskActionBody, requestIdOf(req));
    return this.reads.instance(actor, instanceId);
  }

  @Post('instances/:id/recall')
  @HttpCode(200)
  async recall(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: Body, @Req() req: Request) {
    await this.approvals.recall(actor, uuid(id, 'approval'), body?.comment, requestIdOf(req));
    return this.reads.instance(actor, id.toLowerCase());
  }

  @Get('instances/:id')
  instance(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.reads.instance(actor, uuid(id, 'approval'));
  }
}
