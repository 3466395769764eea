import type { CompareCondition, ObjectDefinition, RollupField } from '@tessera/metadata';
import type { FilterLeaf } from '@tessera/engine';
import type { EntityManager } from 'typeorm';
import type { PublishedMetadata } from '../metadata/published-metadata';
import type { RecordData } from './record-row.convert';
import type { RecordRepository } from './record.repository';
import { filterSql } from './sql/record-filter.sql';

export interface FedRollup {
  parent: ObjectDefinition;
  rollup: RollupField;
}

/** The rollup fields of other objects that aggregate records of `child`. */
export function rollupsFedBy(meta: PublishedMetadata, child: string): FedRollup[] {
  return meta.objects().flatMap((parent) =>
    parent.fields.filter((f): f is RollupField => f.type === 'rollup' && !f.retired && f.object === child).map((rollup) => ({ parent, rollup })),
  );
}

const toLeaf = (c: CompareCondition): FilterLeaf =>
  c.op === 'isEmpty' || c.op === 'notEmpty'
    ? { field: c.field, op: 'isEmpty', value: c.op === 'isEmpty' }
    : { field: c.field, op: c.op, value: c.value };

/**
 * Keeps rollups current after a child write, in the same transaction: every
 * parent the child pointed at before or points at now is recomputed in SQL.
 * Writes that touch none of the fields a rollup reads are skipped.
 */
export async function syncRollups(
  m: EntityManager,
  repo: RecordRepository,
  meta: PublishedMetadata,
  child: ObjectDefinition,
  before: RecordData | undefined,
  after: RecordData | undefined,
  changed: ReadonlySet<string> | 'all',
): Promise<void> {
  const childFields = new Map(child.fields.map((f) => [f.key, f]));
  for (const { parent, rollup } of rollupsFedBy(meta, child.key)) {
    const reads = [rollup.via, rollup.field, ...(rollup.where ?? []).map((w) => w.field)].filter(Boolean) as string[];
    if (changed !== 'all' && !reads.some((k) => changed.has(k))) continue;
    const ids = [...new Set([before?.[rollup.via], after?.[rollup.via]].filter((v): v is string => typeof v === 'string'))];
    const where = rollup.where?.length ? { and: rollup.where.map(toLeaf) } : undefined;
    await repo.recomputeRollup(m, parent.key, rollup as Parameters<RecordRepository['recomputeRollup']>[2], (p) => (where ? filterSql(where, childFields, p) : ''), ids);
  }
}

/**
 * After a bulk import of `child` records: every rollup they feed is recomputed once, in
 * SQL, for all the parents they point at.
 */
export async function syncRollupsBulk(m: EntityManager, repo: RecordRepository, meta: PublishedMetadata, child: ObjectDefinition, rows: readonly RecordData[]): Promise<void> {
  if (rows.length === 0) return;
  const childFields = new Map(child.fields.map((f) => [f.key, f]));
  for (const { parent, rollup } of rollupsFedBy(meta, child.key)) {
    const ids = [...new Set(rows.map((r) => r[rollup.via]).filter((v): v is string => typeof v === 'string'))];
    const where = rollup.where?.length ? { and: rollup.where.map(toLeaf) } : undefined;
    await repo.recomputeRollup(m, parent.key, rollup as Parameters<RecordRepository['recomputeRollup']>[2], (p) => (where ? filterSql(where, childFields, p) : ''), ids);
  }
}
