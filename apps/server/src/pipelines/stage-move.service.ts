import { Injectable } from '@nestjs/common';
import { checkStageMove, EMPTY_FACTS, evaluateGate, gateConditions, type CompiledPipeline, type GateFacts, type StageMoveRequest } from '@tessera/engine';
import type { EntityManager } from 'typeorm';
import { SYSTEM_ACTOR, type Actor } from '../identity/actor';
import { MetadataRuntime } from '../metadata/metadata-runtime.service';
import { RecordReadService } from '../records/record-read.service';
import { RecordWriteService, type WriteOptions } from '../records/record-write.service';
import { GateFactsService } from './gate-facts.service';
import { PipelineCatalog } from './pipeline-catalog';
import { blockedMove, movedMeanwhile, noPipeline } from './pipeline-errors';
import { StageEntryWriter } from './stage-entry.writer';
import type { StageVisitRow } from './stage-history.repository';

/**
 * Stage moves: the move rules and the gate from libs/engine, then one transaction in
 * which the records module writes the stage field and this module writes the history,
 * the timers and `stage.entered`.
 */
@Injectable()
export class StageMoveService {
  /** Transactions in which this service is writing a stage: the stage guard lets those through. */
  private readonly moving = new WeakSet<EntityManager>();

  constructor(
    private readonly runtime: MetadataRuntime,
    private readonly catalog: PipelineCatalog,
    private readonly reads: RecordReadService,
    private readonly writes: RecordWriteService,
    private readonly facts: GateFactsService,
    private readonly entries: StageEntryWriter,
  ) {}

  isMoving(m: EntityManager): boolean {
    return this.moving.has(m);
  }

  async pipelineOf(object: string): Promise<CompiledPipeline> {
    const compiled = this.catalog.forObject(await this.runtime.get(), object);
    if (!compiled) throw noPipeline(object);
    return compiled;
  }

  /**
   * Moves a record to `request.to`, or refuses with every problem and unmet condition at
   * once (422). Facts are gathered from committed data first; inside the transaction the
   * record is locked and, if its stage changed in between, the move is refused (409).
   */
  async move(actor: Actor, objectKey: string, id: string, request: StageMoveRequest, opts: WriteOptions = {}): Promise<StageVisitRow> {
    return this.apply(await this.prepare(actor, objectKey, id, request), opts);
  }

  /**
   * The part of a move that reads through the pool (the record, the gate's facts): a
   * caller that will apply the move inside its own transaction (an automation's
   * `moveStage`) prepares first, outside it. `force` skips the gate's conditions — only
   * system moves set it (metadata's `force`), never a request body.
   */
  async prepare(actor: Actor, objectKey: string, id: string, request: StageMoveRequest, force = false): Promise<PreparedStageMove> {
    const compiled = await this.pipelineOf(objectKey);
    const field = compiled.pipeline.stageField;
    let seen = await this.reads.get(actor, objectKey, id);
    // A role may hide the stage field and still move records: read it as the system.
    if (!(field in seen)) seen = await this.reads.get(SYSTEM_ACTOR, objectKey, id);
    const from = (seen[field] as string | null | undefined) ?? null;
    const facts = force ? EMPTY_FACTS : await this.facts.gather(compiled, id, gateConditions(compiled, from, request.to).needs);
    return { actor, objectKey, id, request, compiled, from, facts, force };
  }

  /** Checks and writes a prepared move in one transaction (`opts.manager`'s, else a new one). */
  async apply(prepared: PreparedStageMove, opts: WriteOptions = {}): Promise<StageVisitRow> {
    const { actor, objectKey, id, request, compiled, from, facts, force } = prepared;
    const field = compiled.pipeline.stageField;
    let visit: StageVisitRow | undefined;
    await this.writes.moveStage(actor, objectKey, id, field, async (stored, m) => {
      if ((stored[field] ?? null) !== from) throw movedMeanwhile(objectKey, id);
      const check = checkStageMove(compiled, from, request);
      const gate = check.kind && !force ? await evaluateGate(compiled, from, request.to, { record: stored, facts }) : { allowed: true as const };
      if (check.problems.length > 0 || !gate.allowed) throw blockedMove(actor, request.to, check.problems, gate.allowed ? [] : gate.unmet);
      this.moving.add(m);
      visit = await this.entries.enter(m, compiled, id, {
        to: request.to, from, move: check.kind!, by: actor.userId, reason: request.reason, comment: request.comment, requestId: opts.requestId,
      });
      return request.to;
    }, opts);
    return visit!;
  }
}

/** A move whose facts were read; `apply` checks and writes it. */
export interface PreparedStageMove {
  actor: Actor;
  objectKey: string;
  id: string;
  request: StageMoveRequest;
  compiled: CompiledPipeline;
  from: string | null;
  facts: GateFacts;
  force: boolean;
}
