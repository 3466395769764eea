import { Injectable } from '@nestjs/common';
import {
  allowedTargets, evaluateGate, rowMatches, stageDwell, stageMoveKind, type CompiledPipeline, type CompiledStage,
} from '@tessera/engine';
import { DataSource } from 'typeorm';
import { AccessService } from '../identity/access.service';
import { SYSTEM_ACTOR, type Actor } from '../identity/actor';
import { RecordReadService } from '../records/record-read.service';
import type { RecordData } from '../records/record-row.convert';
import { TimersService } from '../timers/timers.service';
import { ChecklistStateRepository } from './checklist-state.repository';
import { GateFactsService } from './gate-facts.service';
import type { ChecklistItemView, RecordPipelineView, StageMoveView, StageSummary } from './pipeline-view';
import { STAGE_TIMEOUT } from './stage-entry.writer';
import { StageHistoryRepository } from './stage-history.repository';
import { StageMoveService } from './stage-move.service';
import { IdentityService } from '../identity/identity.service';

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

export function stageSummary(s: CompiledStage): StageSummary {
  const { key, label, probability, forecastCategory, color } = s.stage;
  return { key, label, type: s.type, probability, forecastCategory, ...(color && { color }) };
}

/**
 * Where a record stands in its pipeline: current stage with probability and forecast
 * category, time in stage and per stage, history, the current stage's checklist, the
 * overdue flag, and every move the pipeline offers with whether its gate is open now.
 */
@Injectable()
export class PipelineViewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly reads: RecordReadService,
    private readonly moves: StageMoveService,
    private readonly history: StageHistoryRepository,
    private readonly checklist: ChecklistStateRepository,
    private readonly facts: GateFactsService,
    private readonly timers: TimersService,
    private readonly identity: IdentityService,
  ) {}

  async view(actor: Actor, objectKey: string, id: string): Promise<RecordPipelineView> {
    const compiled = await this.moves.pipelineOf(objectKey);
    const field = compiled.pipeline.stageField;
    let record = await this.reads.get(actor, objectKey, id);
    if (!(field in record)) record = await this.reads.get(SYSTEM_ACTOR, objectKey, id);
    const current = (record[field] as string | null) ?? null;
    const stage = current ? compiled.byKey.get(current) : undefined;
    const [visits, done, pending, facts, access] = await Promise.all([
      this.history.visits(this.dataSource, objectKey, id),
      this.checklist.forRecord(this.dataSource, objectKey, id),
      this.timers.pendingFor(this.dataSource, objectKey, id),
      this.facts.gather(compiled, id, compiled.needs),
      this.access.objectAccess(actor, objectKey),
    ]);
    const movers = [...new Set(visits.map((v) => v.enteredBy).filter((u): u is string => typeof u === 'string'))];
    const names = new Map((await this.identity.usersByIds(movers)).map((u) => [u.id, u.displayName]));
    const now = new Date();
    const dwell = stageDwell(visits.map((v) => ({ stage: v.stage, enteredAt: v.enteredAt, exitedAt: v.exitedAt })), now, compiled.stages.map((s) => s.stage.key));
    const open = visits.find((v) => v.exitedAt === null);
    const doneByItem = new Map(done.map((d) => [d.item, d]));
    const checklist: ChecklistItemView[] = (stage?.stage.checklist ?? []).map((item) => {
      const d = doneByItem.get(item.key);
      return { key: item.key, label: item.label, done: !!d, doneAt: iso(d?.doneAt), doneBy: d?.doneBy ?? null, evidence: d?.evidence ?? null };
    });
    const moves = await Promise.all(allowedTargets(compiled, current).map((to) => this.move(compiled, current, to, record, facts)));
    return {
      pipeline: { key: compiled.pipeline.key, label: compiled.pipeline.label },
      stage: stage ? stageSummary(stage) : null,
      enteredAt: iso(open?.enteredAt),
      timeInStage: dwell.current?.ms ?? 0,
      overdue: !!open?.overdueAt,
      overdueSince: iso(open?.overdueAt),
      dueAt: iso(pending.find((t) => t.kind === STAGE_TIMEOUT)?.dueAt),
      dwell: dwell.perStage,
      history: visits.map((v) => ({
        stage: v.stage, from: v.fromStage, move: v.move, enteredAt: iso(v.enteredAt)!, enteredBy: v.enteredBy, enteredByName: (v.enteredBy && names.get(v.enteredBy)) ?? null, exitedAt: iso(v.exitedAt), exitedBy: v.exitedBy,
        ms: Math.max(0, (v.exitedAt ? new Date(v.exitedAt).getTime() : now.getTime()) - new Date(v.enteredAt).getTime()),
        reason: v.reason, comment: v.comment, overdueAt: iso(v.overdueAt),
      })),
      checklist,
      canMove: access.actions.has('moveStage') && rowMatches(access.byAction.moveStage ?? access.write, record as { owner_id?: unknown; org_unit_id?: unknown }),
      moves,
    };
  }

  private async move(compiled: CompiledPipeline, from: string | null, to: string, record: RecordData, facts: Parameters<typeof evaluateGate>[3]['facts']): Promise<StageMoveView> {
    const target = compiled.byKey.get(to)!;
    const kind = stageMoveKind(compiled, from, to)!;
    const gate = await evaluateGate(compiled, from, to, { record, facts });
    return {
      to,
      label: target.stage.label,
      kind,
      allowed: gate.allowed,
      unmet: gate.allowed ? [] : gate.unmet,
      requires: {
        reason: target.type !== 'open' && (target.stage.reasonRequired ?? true),
        reasons: target.type !== 'open' ? (target.stage.reasons ?? []).map((r) => ({ value: r.value, label: r.label })) : [],
        comment: kind === 'back' || !!target.stage.commentRequired,
      },
    };
  }
}
