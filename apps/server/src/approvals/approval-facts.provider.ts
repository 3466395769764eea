import type { DataSource } from 'typeorm';
import type { GateFactsProvider } from '../pipelines/gate-facts.providers';
import type { ApprovalRepository } from './approval.repository';

/** Stage gates' approval conditions: the latest instance's outcome (or `pending`) per flow on the record. */
export function approvalFactsProvider(repo: ApprovalRepository, dataSource: DataSource): GateFactsProvider {
  return { name: 'approvals', kind: 'approvals', collect: ({ object, recordId }) => repo.latestOutcomes(dataSource, object, recordId) };
}
