import { Injectable, Logger } from '@nestjs/common';
import {
  chainTooDeep, EMPTY_FACTS, evaluateCondition, ExpressionError, extendChain, matchesTrigger, parseChain, planAction, previousValues,
  type AutomationConditionInput, type AutomationEvent, type CompiledAutomation, type CompiledPipeline, type PlannedEffect,
} from '@tessera/engine';
import type { Action } from '@tessera/metadata';
import { UserError } from '../common/errors/user.error';
import { SYSTEM_ACTOR } from '../identity/actor';
import { PermanentJobError } from '../jobs/job';
import { JobsService } from '../jobs/jobs.service';
import { MetadataRuntime } from '../metadata/metadata-runtime.service';
import type { PublishedMetadata } from '../metadata/published-metadata';
import { GateFactsService } from '../pipelines/gate-facts.service';
import { PipelineCatalog } from '../pipelines/pipeline-catalog';
import { RecordReadService } from '../records/record-read.service';
import type { RecordData } from '../records/record-row.convert';
import { AutomationRunRepository, type RunEntry } from './automation-run.repository';
import type { EffectContext } from './effects/effect-executor';
import { EffectExecutors } from './effects/effect-executors';

/** Idempotency handler name of automation runs in `job_processed`. */
export const AUTOMATION_RUNS = 'automation';

/** What runs: an automation, or actions another module handed on (a stage timeout's, an approval outcome's). */
export interface RunSubject {
  name: string;
  /** Document the actions live in (expression errors name it). */
  document: string;
  /** JSON Pointer of the action list in it. */
  actionsPath: string;
  actions: readonly Action[];
  /** Trigger kind for the run log. */
  trigger: string;
  /** Set for automations: trigger matching, condition, classify rules. */
  compiled?: CompiledAutomation;
}

export interface RunRequest {
  subject: RunSubject;
  event: AutomationEvent & { requestId: string | null };
  object: string;
  recordId: string;
  /** Idempotency key of this run (the event id and the record unless a timer names a better one). */
  runKey: string;
  attempt: number;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
const errorOf = (e: unknown): RunEntry['error'] =>
  e instanceof ExpressionError ? { code: e.code, message: e.message, path: e.path } : e instanceof UserError ? { code: e.code, message: e.detail ?? e.title, ...(e.errors.length ? { path: e.errors[0].path, errors: e.errors } : {}) } : { code: 'automation.failed', message: messageOf(e) };

/**
 * One automation run on one record: match, condition, plan (libs/engine), lookups, then
 * one transaction that marks the run processed and applies every effect in order. A
 * redelivered event finds the mark and does nothing; a failing action rolls the whole
 * run back and the job is retried. Every run that gets past the trigger is logged.
 */
@Injectable()
export class AutomationRunner {
  private readonly logger = new Logger('Automations');

  constructor(
    private readonly runtime: MetadataRuntime,
    private readonly reads: RecordReadService,
    private readonly jobs: JobsService,
    private readonly runs: AutomationRunRepository,
    private readonly executors: EffectExecutors,
    private readonly facts: GateFactsService,
    private readonly pipelines: PipelineCatalog,
  ) {}

  async run(req: RunRequest): Promise<void> {
    const { subject, event } = req;
    if (await this.jobs.isProcessed(AUTOMATION_RUNS, req.runKey)) return;
    const started = new Date();
    const chain = parseChain(event.requestId);
    const log = (status: RunEntry['status'], extra: Partial<RunEntry> = {}): RunEntry => ({
      automation: subject.name, object: req.object, recordId: req.recordId, eventId: isEventId(event.id) ? event.id : null, eventType: event.type,
      trigger: subject.trigger, status, depth: chain.keys.length, attempt: req.attempt, effects: [], error: null, startedAt: started,
      durationMs: Date.now() - started.getTime(), ...extra,
    });
    const meta = await this.runtime.get();
    const record = await this.reads.get(SYSTEM_ACTOR, req.object, req.recordId).catch((e) => {
      if (e instanceof UserError && e.status === 404) return undefined;
      throw e;
    });
    if (!record) return; // deleted since: nothing to act on
    if (subject.compiled && !matchesTrigger(subject.compiled.automation, { event, record })) return;

    const tooDeep = chainTooDeep(chain, subject.name);
    if (tooDeep) {
      this.logger.warn(`${subject.name} on ${req.object} ${req.recordId}: ${tooDeep}`);
      await this.finish(req, log('stopped', { error: { code: 'automation.depth', message: tooDeep } }));
      return;
    }

    const input: AutomationConditionInput = { record, facts: await this.gatherFacts(meta, subject, req), previous: previousValues(event), event };
    const verdict = await evaluateCondition(subject.compiled?.when, input);
    if (!verdict.met) {
      if (verdict.error) this.logger.warn(`${subject.name}: condition failed: ${verdict.error.message}`);
      await this.finish(req, log(verdict.error ? 'failed' : 'skipped', { error: verdict.error ?? null }));
      return;
    }

    let planned: Array<{ effect: PlannedEffect; ctx: EffectContext; prepared: unknown }>;
    try {
      planned = await this.plan(meta, req, record, input, extendChain(chain, subject.name));
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      // An expression that fails on this record fails the same way next time: logged, not retried.
      await this.finish(req, log('failed', { error: errorOf(error) }));
      return;
    }

    try {
      const outcome = await this.jobs.once(AUTOMATION_RUNS, req.runKey, async (m) => {
        const effects: unknown[] = [];
        for (const p of planned) effects.push({ kind: p.effect.kind, ...(await this.executors.of(p.effect).apply(m, p.effect, p.ctx, p.prepared)) });
        await this.runs.add(m, log('succeeded', { effects, durationMs: Date.now() - started.getTime() }));
        return effects;
      });
      if (outcome.done) this.logger.log(`${subject.name} ran on ${req.object} ${req.recordId}`);
    } catch (error) {
      await this.runs.add(undefined, log('failed', { error: errorOf(error) })).catch(() => undefined);
      // A refusal by the records module (validation, a locked record) will not pass on a retry either.
      if (error instanceof UserError && error.status !== 409 && error.status !== 423) throw new PermanentJobError(`${subject.name}: ${messageOf(error)}`);
      throw error;
    }
  }

  /** Logs a run that applies nothing, and marks it processed so a redelivery does not log it again. */
  private async finish(req: RunRequest, entry: RunEntry): Promise<void> {
    await this.jobs.once(AUTOMATION_RUNS, req.runKey, (m) => this.runs.add(m, entry));
  }

  private async plan(meta: PublishedMetadata, req: RunRequest, record: RecordData, input: AutomationConditionInput, requestId: string) {
    const object = meta.object(req.object);
    if (!object) throw new PermanentJobError(`object ${req.object} is not published`);
    const out: Array<{ effect: PlannedEffect; ctx: EffectContext; prepared: unknown }> = [];
    for (const [index, action] of req.subject.actions.entries()) {
      const effect = await planAction(action, {
        document: req.subject.document,
        path: `${req.subject.actionsPath}/${index}`,
        object,
        record,
        event: req.event,
        expressions: meta.expressions,
        conditionInput: input,
        classifyRules: req.subject.compiled?.classify.get(index),
      });
      const ctx: EffectContext = { name: req.subject.name, object: req.object, recordId: req.recordId, record, runKey: req.runKey, index, requestId, meta };
      const executor = this.executors.of(effect);
      out.push({ effect, ctx, prepared: executor.prepare ? await executor.prepare(effect, ctx) : undefined });
    }
    return out;
  }

  private async gatherFacts(meta: PublishedMetadata, subject: RunSubject, req: RunRequest) {
    const needs = subject.compiled?.needs;
    if (!needs || (!needs.attachments && !needs.approvals && !needs.checklist && needs.related.length === 0)) return EMPTY_FACTS;
    const object = meta.object(req.object)!;
    // The facts service only reads the object of the pipeline it is given.
    const pipeline = this.pipelines.forObject(meta, req.object) ?? ({ object } as unknown as CompiledPipeline);
    return this.facts.gather(pipeline, req.recordId, needs);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isEventId = (id: string) => UUID.test(id);
