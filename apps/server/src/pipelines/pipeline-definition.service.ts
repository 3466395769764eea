import { Injectable } from '@nestjs/common';
import { allowedTargets, type CompiledPipeline } from '@tessera/engine';
import type { Label } from '@tessera/metadata';
import { AccessService } from '../identity/access.service';
import type { Actor } from '../identity/actor';
import { MetadataRuntime } from '../metadata/metadata-runtime.service';
import { PipelineCatalog } from './pipeline-catalog';
import { unknownPipeline } from './pipeline-errors';
import { stageSummary } from './pipeline-view.service';
import type { StageSummary } from './pipeline-view';

export interface PipelineDefinitionView {
  key: string;
  object: string;
  stageField: string;
  label: Label;
  amountField: string | null;
  closeDateField: string | null;
  stages: Array<StageSummary & { moves: string[]; timeout: { after: string; warnBefore: string | null } | null; checklist: Array<{ key: string; label: Label }> }>;
}

const definition = (c: CompiledPipeline): PipelineDefinitionView => ({
  key: c.pipeline.key,
  object: c.object.key,
  stageField: c.pipeline.stageField,
  label: c.pipeline.label,
  amountField: c.pipeline.amountField ?? null,
  closeDateField: c.pipeline.closeDateField ?? null,
  stages: c.stages.map((s) => ({
    ...stageSummary(s),
    moves: allowedTargets(c, s.stage.key),
    timeout: s.stage.timeout ? { after: s.stage.timeout.after, warnBefore: s.stage.timeout.warnBefore ?? null } : null,
    checklist: (s.stage.checklist ?? []).map((i) => ({ key: i.key, label: i.label })),
  })),
});

/** Published pipelines for analytics and the UI: stages with probability, forecast category, moves, timeouts. */
@Injectable()
export class PipelineDefinitionService {
  constructor(
    private readonly runtime: MetadataRuntime,
    private readonly catalog: PipelineCatalog,
    private readonly access: AccessService,
  ) {}

  /** The pipelines of objects the caller may read. */
  async list(actor: Actor): Promise<PipelineDefinitionView[]> {
    const all = this.catalog.all(await this.runtime.get());
    const readable = await Promise.all(all.map(async (c) => (await this.access.objectAccess(actor, c.object.key)).actions.has('read')));
    return all.filter((_, i) => readable[i]).map(definition);
  }

  async get(actor: Actor, key: string): Promise<PipelineDefinitionView> {
    const compiled = this.catalog.byKey(await this.runtime.get(), key);
    if (!compiled) throw unknownPipeline(key);
    await this.access.require(actor, compiled.object.key, 'read');
    return definition(compiled);
  }
}
