import { Injectable } from '@nestjs/common';
import { compileApprovalFlow, type CompiledApprovalFlow } from '@tessera/engine';
import type { ApprovalFlowDefinition } from '@tessera/metadata';
import { UserError } from '../common/errors/user.error';
import { MetadataRuntime } from '../metadata/metadata-runtime.service';
import type { PublishedMetadata } from '../metadata/published-metadata';

/** A flow of one published version, compiled, with the version it came from (its expression cache, its object). */
export interface FlowEntry {
  compiled: CompiledApprovalFlow;
  flow: ApprovalFlowDefinition;
  meta: PublishedMetadata;
}

/** Compiled flows per (version, key), built on first use; instances pinned to an old version find theirs here. */
@Injectable()
export class ApprovalFlowCatalog {
  private readonly entries = new Map<string, FlowEntry>();

  constructor(private readonly runtime: MetadataRuntime) {}

  /** The published (current) flow; 404 when there is none of that key for that object. */
  async current(flowKey: string, objectKey?: string): Promise<FlowEntry> {
    const meta = await this.runtime.get();
    const entry = this.entry(meta, flowKey);
    if (!entry || (objectKey !== undefined && entry.flow.object !== objectKey)) {
      throw new UserError({
        status: 404,
        code: 'flow-not-found',
        title: 'Approval flow not found',
        detail: objectKey ? `No published approval flow "${flowKey}" for ${objectKey}` : `No published approval flow "${flowKey}"`,
        errors: [{ path: '/flow', code: 'flow.unknown', message: `no approval flow ${flowKey}` }],
      });
    }
    return entry;
  }

  /** The flow as published in `version` (what a running instance keeps using). */
  async pinned(flowKey: string, version: number): Promise<FlowEntry> {
    const meta = await this.runtime.atVersion(version);
    const entry = meta && this.entry(meta, flowKey);
    if (!entry) throw new Error(`approval flow ${flowKey} of version ${version} is not in the stored metadata`);
    return entry;
  }

  /** Every published flow of an object (the on-save and stage triggers look for theirs). */
  async flowsOf(objectKey: string): Promise<FlowEntry[]> {
    const meta = await this.runtime.get();
    return meta
      .ofKind('approvalFlow')
      .filter((f) => f.object === objectKey)
      .map((f) => this.entry(meta, f.key))
      .filter((e): e is FlowEntry => e !== undefined);
  }

  private entry(meta: PublishedMetadata, key: string): FlowEntry | undefined {
    const id = `${meta.version}:${key}`;
    const hit = this.entries.get(id);
    if (hit) return hit;
    const flow = meta.document('approvalFlow', key);
    const object = flow && meta.document('object', flow.object);
    if (!flow || !object) return undefined;
    const pipeline = meta.ofKind('pipeline').find((p) => p.object === flow.object);
    const compiled = compileApprovalFlow(flow, {
      object,
      pipeline,
      expressions: meta.expressions,
      version: meta.version,
      labels: { object: (k) => meta.document('object', k), flow: (k) => meta.document('approvalFlow', k)?.label },
    });
    const entry = { compiled, flow, meta };
    this.entries.set(id, entry);
    return entry;
  }
}
