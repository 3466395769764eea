import type { PlannedEffect } from '@tessera/engine';
import type { EntityManager } from 'typeorm';
import type { PublishedMetadata } from '../../metadata/published-metadata';
import type { RecordData } from '../../records/record-row.convert';

/** One run of one automation on one record, as its effects see it. */
export interface EffectContext {
  /** The automation's key (or the source of handed-on actions, e.g. `stage.timeout`). */
  name: string;
  object: string;
  recordId: string;
  /** The record as read before the run's transaction. */
  record: RecordData;
  /** Idempotency key of the run: notification dedupe keys and webhook delivery ids derive from it. */
  runKey: string;
  /** Index of the action in its list. */
  index: number;
  /** Request id of the run's writes: carries the automation chain (depth limit). */
  requestId: string;
  meta: PublishedMetadata;
}

/**
 * How the server applies one planned effect kind: `prepare` reads what it needs through
 * other modules' services before the transaction (they use the pool), `apply` writes in
 * the run's transaction only through `m`. One file per kind in effects/.
 */
export interface EffectExecutor<E extends PlannedEffect = PlannedEffect, P = unknown> {
  readonly kind: E['kind'];
  prepare?(effect: E, ctx: EffectContext): Promise<P>;
  apply(m: EntityManager, effect: E, ctx: EffectContext, prepared: P): Promise<Record<string, unknown>>;
}
