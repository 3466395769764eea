import type { Label } from '@tessera/metadata';
import type { CompiledCondition } from './condition-kind';
import type { CompiledPipeline, CompiledStage } from './gate.compile';
import { mergeNeeds, type FactNeeds } from './gate-facts';

/**
 * - next: to the next open stage; skip: to a later open stage past it;
 * - back: to an earlier open stage, or reopening a closed record;
 * - won / lost: into a terminal stage.
 */
export type StageMoveKind = 'next' | 'skip' | 'back' | 'won' | 'lost';

export interface StageMoveRequest {
  to: string;
  /** A reason value of the target terminal stage. */
  reason?: string | null;
  /** Free text: why the record moves back, or the comment a stage asks for. */
  comment?: string | null;
}

/** Something wrong with the move itself (not a gate condition); `path` points into the request body. */
export interface MoveProblem {
  path: string;
  code: string;
  message: Label;
}

export interface StageMoveCheck {
  /** Undefined when the target is unknown or not a move the pipeline allows from here. */
  kind?: StageMoveKind;
  problems: MoveProblem[];
}

const stageName = (s: CompiledStage) => s.stage.label;

/** The next open stage after `from`, if any. */
function nextOpen(compiled: CompiledPipeline, from: CompiledStage): CompiledStage | undefined {
  return from.type === 'open' ? compiled.stages.find((s) => s.index > from.index && s.type === 'open') : undefined;
}

/**
 * How a move from `from` to `to` is classified. A `from` the pipeline does not know (a
 * stage removed since) counts as before every stage, so moving on is a `next`.
 */
export function stageMoveKind(compiled: CompiledPipeline, from: string | null | undefined, to: string): StageMoveKind | undefined {
  const target = compiled.byKey.get(to);
  if (!target) return undefined;
  if (target.type !== 'open') return target.type;
  const source = from ? compiled.byKey.get(from) : undefined;
  if (!source) return target === compiled.first ? 'next' : 'skip';
  if (source.type !== 'open' || target.index < source.index) return 'back';
  return nextOpen(compiled, source) === target ? 'next' : 'skip';
}

/**
 * Stage keys a record may move to from `from`: the stage's allowedMoves when declared,
 * else the next open stage, every earlier open stage and every terminal stage (the
 * pipeline schema's default). From an unknown stage: the first stage only.
 */
export function allowedTargets(compiled: CompiledPipeline, from: string | null | undefined): string[] {
  const source = from ? compiled.byKey.get(from) : undefined;
  if (!source) return [compiled.first.stage.key];
  if (source.stage.allowedMoves) return [...source.stage.allowedMoves];
  const next = nextOpen(compiled, source);
  return compiled.stages
    // Open stages precede terminal ones, so from a closed record every open stage is earlier.
    .filter((s) => s !== source && (s.type !== 'open' || s === next || s.index < source.index))
    .map((s) => s.stage.key);
}

/**
 * The conditions a move must meet: forward moves (next, skip, won) need every exit
 * condition of the current stage and every entry condition of the target; moving back
 * or to lost needs only the target's entry conditions (a lost deal need not have
 * finished its stage).
 */
export function gateConditions(compiled: CompiledPipeline, from: string | null | undefined, to: string): { conditions: readonly CompiledCondition[]; needs: FactNeeds } {
  const target = compiled.byKey.get(to);
  if (!target) return { conditions: [], needs: mergeNeeds([]) };
  const kind = stageMoveKind(compiled, from, to);
  const source = from ? compiled.byKey.get(from) : undefined;
  const withExit = source && (kind === 'next' || kind === 'skip' || kind === 'won');
  return withExit
    ? { conditions: [...source.exit, ...target.entry], needs: mergeNeeds([source.exitNeeds, target.entryNeeds]) }
    : { conditions: target.entry, needs: target.entryNeeds };
}

const blank = (s: string | null | undefined) => s === undefined || s === null || s.trim() === '';

/**
 * Whether the pipeline allows the move at all and whether the request carries what the
 * move asks for: a reason for a terminal stage (one of its reasons, when it requires
 * one), a comment to move back or where the target requires one. Every problem is
 * returned at once; the gate's conditions are evaluated separately (evaluateGate).
 */
export function checkStageMove(compiled: CompiledPipeline, from: string | null | undefined, request: StageMoveRequest): StageMoveCheck {
  const target = compiled.byKey.get(request.to);
  if (!target) {
    return { problems: [{ path: '/stage', code: 'stage.unknown', message: { 'zh-CN': `没有阶段 ${request.to}`, en: `No stage ${request.to} in this pipeline` } }] };
  }
  if (from === request.to) {
    return { problems: [{ path: '/stage', code: 'move.same-stage', message: { 'zh-CN': `记录已处于「${stageName(target)['zh-CN']}」`, en: `The record is already in ${stageName(target).en}` } }] };
  }
  if (!allowedTargets(compiled, from).includes(request.to)) {
    const source = from ? compiled.byKey.get(from) : undefined;
    const fromName = source ? stageName(source) : { 'zh-CN': String(from), en: String(from) };
    return {
      problems: [{
        path: '/stage',
        code: 'move.not-allowed',
        message: { 'zh-CN': `不能从「${fromName['zh-CN']}」直接进入「${stageName(target)['zh-CN']}」`, en: `The pipeline does not allow moving from ${fromName.en} to ${stageName(target).en}` },
      }],
    };
  }
  const kind = stageMoveKind(compiled, from, request.to) as StageMoveKind;
  const problems: MoveProblem[] = [];
  const reasons = target.stage.reasons ?? [];
  if (target.type !== 'open') {
    if (!blank(request.reason) && !reasons.some((r) => r.value === request.reason)) {
      problems.push({ path: '/reason', code: 'move.reason-unknown', message: { 'zh-CN': `「${stageName(target)['zh-CN']}」没有原因 ${request.reason}`, en: `${request.reason} is not a reason of ${stageName(target).en}` } });
    } else if (blank(request.reason) && (target.stage.reasonRequired ?? true)) {
      problems.push({ path: '/reason', code: 'move.reason-required', message: { 'zh-CN': `进入「${stageName(target)['zh-CN']}」须选择原因`, en: `Choose a reason to enter ${stageName(target).en}` } });
    }
  } else if (!blank(request.reason)) {
    problems.push({ path: '/reason', code: 'move.reason-unexpected', message: { 'zh-CN': '只有赢单/输单阶段需要原因；退回请填写说明', en: 'Only won and lost stages take a reason; say why in comment' } });
  }
  if (blank(request.comment) && kind === 'back') {
    problems.push({ path: '/comment', code: 'move.comment-required', message: { 'zh-CN': `退回「${stageName(target)['zh-CN']}」须说明原因`, en: `Say why the record moves back to ${stageName(target).en}` } });
  } else if (blank(request.comment) && target.stage.commentRequired) {
    problems.push({ path: '/comment', code: 'move.comment-required', message: { 'zh-CN': `进入「${stageName(target)['zh-CN']}」须填写说明`, en: `Write a comment to enter ${stageName(target).en}` } });
  }
  return { kind, problems };
}
