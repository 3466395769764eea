import { Injectable } from '@nestjs/common';
import type { CompiledPipeline, FactNeeds, GateFacts } from '@tessera/engine';
import { DataSource } from 'typeorm';
import { RecordReadService } from '../records/record-read.service';
import { ChecklistStateRepository } from './checklist-state.repository';
import { GateFactsProviders } from './gate-facts.providers';

/**
 * Gathers what a gate needs beyond the record's fields: attachments and approvals from
 * the registered providers, checklist state from this module, related counts in SQL
 * through the records module. Only the facts in `needs` are asked for.
 *
 * Runs before the move's transaction (PGlite serves one connection, and providers read
 * through their own repositories): facts are the committed state just before the move.
 */
@Injectable()
export class GateFactsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly providers: GateFactsProviders,
    private readonly checklist: ChecklistStateRepository,
    private readonly records: RecordReadService,
  ) {}

  async gather(compiled: CompiledPipeline, recordId: string, needs: FactNeeds): Promise<GateFacts> {
    return this.gatherFor(compiled.object.key, recordId, needs);
  }

  /** The same facts for a record of `object`, whatever pipeline reads them (the designer tests draft pipelines). */
  async gatherFor(object: string, recordId: string, needs: FactNeeds): Promise<GateFacts> {
    const request = { object, recordId };
    const [attachments, approvals, checklist, related] = await Promise.all([
      needs.attachments ? this.merge(this.providers.of('attachments').map((p) => p.collect(request))) : {},
      needs.approvals ? this.merge(this.providers.of('approvals').map((p) => p.collect(request))) : {},
      needs.checklist ? this.checklistOf(object, recordId) : {},
      Promise.all(needs.related.map(async (r) => [r.key, await this.records.countRelated(r.object, r.via, recordId, r.where)] as const)).then(Object.fromEntries),
    ]);
    return { attachments, approvals, checklist, related } as GateFacts;
  }

  private async checklistOf(object: string, recordId: string): Promise<GateFacts['checklist']> {
    const rows = await this.checklist.forRecord(this.dataSource, object, recordId);
    return Object.fromEntries(rows.map((r) => [r.item, { done: true, by: r.doneBy, at: new Date(r.doneAt).toISOString() }]));
  }

  private async merge<T extends object>(parts: Array<Promise<T>>): Promise<T> {
    return Object.assign({}, ...(await Promise.all(parts)));
  }
}
