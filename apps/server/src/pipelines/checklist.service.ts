import { Injectable } from '@nestjs/common';
import { rowMatches } from '@tessera/engine';
import { DataSource } from 'typeorm';
import { UserError } from '../common/errors/user.error';
import { AccessService } from '../identity/access.service';
import type { Actor } from '../identity/actor';
import { OutboxService } from '../outbox/outbox.service';
import { RecordReadService } from '../records/record-read.service';
import { ChecklistStateRepository, type ChecklistEvidence } from './checklist-state.repository';
import { unknownChecklistItem } from './pipeline-errors';
import type { ChecklistItemView } from './pipeline-view';
import { StageMoveService } from './stage-move.service';

/**
 * Ticking off (and reopening) checklist items. Whoever may update the record may tick
 * its items; any item of the pipeline, not only the current stage's (a rep may prepare
 * ahead). Who, when and the evidence are kept; each change is an outbox event.
 */
@Injectable()
export class ChecklistService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly reads: RecordReadService,
    private readonly moves: StageMoveService,
    private readonly repo: ChecklistStateRepository,
    private readonly outbox: OutboxService,
  ) {}

  async complete(actor: Actor, objectKey: string, id: string, itemKey: string, evidence: ChecklistEvidence, requestId?: string): Promise<ChecklistItemView> {
    const { pipeline, item } = await this.target(actor, objectKey, id, itemKey);
    const row = await this.dataSource.transaction(async (m) => {
      const done = await this.repo.complete(m, objectKey, id, item.key, actor.userId, evidence);
      await this.outbox.append(m, [{ type: 'checklist.completed', object: objectKey, recordId: id, payload: { pipeline, item: item.key, evidence }, actorId: actor.userId, requestId }]);
      return done;
    });
    return { key: item.key, label: item.label, done: true, doneAt: new Date(row.doneAt).toISOString(), doneBy: row.doneBy, evidence: row.evidence };
  }

  async reopen(actor: Actor, objectKey: string, id: string, itemKey: string, requestId?: string): Promise<ChecklistItemView> {
    const { pipeline, item } = await this.target(actor, objectKey, id, itemKey);
    await this.dataSource.transaction(async (m) => {
      if (await this.repo.reopen(m, objectKey, id, item.key)) {
        await this.outbox.append(m, [{ type: 'checklist.reopened', object: objectKey, recordId: id, payload: { pipeline, item: item.key }, actorId: actor.userId, requestId }]);
      }
    });
    return { key: item.key, label: item.label, done: false, doneAt: null, doneBy: null, evidence: null };
  }

  /** The item, once the caller is known to see the record (404 otherwise) and may update it (403). */
  private async target(actor: Actor, objectKey: string, id: string, itemKey: string) {
    const compiled = await this.moves.pipelineOf(objectKey);
    const item = compiled.stages.flatMap((s) => s.stage.checklist ?? []).find((i) => i.key === itemKey);
    if (!item) throw unknownChecklistItem(compiled.pipeline.key, itemKey);
    const access = await this.access.require(actor, objectKey, 'update');
    const record = await this.reads.get(actor, objectKey, id);
    if (!rowMatches(access.byAction.update ?? access.write, record as { owner_id?: unknown; org_unit_id?: unknown })) {
      throw new UserError({ status: 403, code: 'record-forbidden', title: 'You may not change this record', detail: `${objectKey} ${id} is outside the rows you may change` });
    }
    return { pipeline: compiled.pipeline.key, item };
  }
}
