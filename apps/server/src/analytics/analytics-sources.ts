import type { AnalyticsPipeline } from '@tessera/engine';
import type { ApprovalTimingSql } from '../approvals/approval-timing.sql';
import type { StageHistorySql } from '../pipelines/stage-history.sql';
import type { RecordSet } from '../records/record-set.service';

/**
 * What analytics SQL is composed of: relations each owning module renders over its own
 * tables (records: the caller's record set; pipelines: stays and checklist state;
 * approvals: decisions). The builders in sql/ only join and aggregate them.
 */
export interface AnalyticsSources {
  set: RecordSet;
  history: StageHistorySql;
  approvals: ApprovalTimingSql;
  pipeline: AnalyticsPipeline;
}

export interface SqlStatement {
  text: string;
  values: unknown[];
}
