import { Injectable } from '@nestjs/common';
import { EMPTY_FACTS, type GateFacts } from '@tessera/engine';
import { DataSource } from 'typeorm';
import { GateFactsProviders } from '../pipelines/gate-facts.providers';
import type { RecordData } from '../records/record-row.convert';
import type { FlowEntry } from './approval-flow.catalog';
import { ApprovalRepository } from './approval.repository';
import { PrincipalsResolver } from './principals/principals.resolve';

/** Everything a start needs that takes lookups, gathered before its transaction. */
export interface PreparedStart {
  entry: FlowEntry;
  /** The record as read for the lookups; the start re-reads it locked and redoes this when its version moved. */
  snapshot: RecordData;
  approvers: Record<string, string[]>;
  facts: GateFacts;
}

/**
 * Resolves the approvers of every step of a flow (the engine picks the steps that apply)
 * and gathers the facts its conditions read: approvals from this module, attachments
 * from the registered providers. Checklist state and related counts belong to the
 * pipelines module and are not offered to approval conditions yet (they read as absent).
 *
 * Runs outside any transaction: lookups go through other modules' services, and embedded
 * PGlite has one connection, which a transaction holds.
 */
@Injectable()
export class ApprovalStartPreparer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: ApprovalRepository,
    private readonly principals: PrincipalsResolver,
    private readonly providers: GateFactsProviders,
  ) {}

  async prepare(entry: FlowEntry, snapshot: RecordData): Promise<PreparedStart> {
    const ctx = this.principals.context(snapshot);
    const approvers: Record<string, string[]> = {};
    for (const step of entry.flow.steps) approvers[step.key] = await this.principals.resolve(step.approvers, ctx);
    return { entry, snapshot, approvers, facts: await this.facts(entry, String(snapshot.id)) };
  }

  private async facts(entry: FlowEntry, recordId: string): Promise<GateFacts> {
    const { needs } = entry.compiled;
    const request = { object: entry.flow.object, recordId };
    const approvals = needs.approvals ? await this.repo.latestOutcomes(this.dataSource, entry.flow.object, recordId) : {};
    const attachments = needs.attachments ? Object.assign({}, ...(await Promise.all(this.providers.of('attachments').map((p) => p.collect(request))))) : {};
    return { ...EMPTY_FACTS, approvals, attachments };
  }
}
