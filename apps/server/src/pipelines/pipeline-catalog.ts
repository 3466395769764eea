import { Injectable } from '@nestjs/common';
import { compilePipeline, type CompiledPipeline } from '@tessera/engine';
import type { PublishedMetadata } from '../metadata/published-metadata';

interface Compiled {
  byObject: Map<string, CompiledPipeline>;
  byKey: Map<string, CompiledPipeline>;
}

/**
 * The pipelines of a published version, compiled once (declarative conditions as plain
 * predicates, expressions in the version's ExpressionCache) and dropped with the version.
 */
@Injectable()
export class PipelineCatalog {
  private readonly versions = new WeakMap<PublishedMetadata, Compiled>();

  /** The pipeline of a live object, if it has one. */
  forObject(meta: PublishedMetadata, object: string): CompiledPipeline | undefined {
    return this.compiled(meta).byObject.get(object);
  }

  byKey(meta: PublishedMetadata, key: string): CompiledPipeline | undefined {
    return this.compiled(meta).byKey.get(key);
  }

  all(meta: PublishedMetadata): CompiledPipeline[] {
    return [...this.compiled(meta).byKey.values()];
  }

  private compiled(meta: PublishedMetadata): Compiled {
    let hit = this.versions.get(meta);
    if (!hit) {
      hit = { byObject: new Map(), byKey: new Map() };
      for (const pipeline of meta.ofKind('pipeline')) {
        const object = meta.object(pipeline.object);
        // At most one pipeline per object (lint); the first one wins if a version slipped through.
        if (!object || hit.byObject.has(object.key)) continue;
        const compiled = compilePipeline(pipeline, {
          object,
          expressions: meta.expressions,
          labels: { object: (k) => meta.object(k), flow: (k) => meta.document('approvalFlow', k)?.label },
        });
        hit.byObject.set(object.key, compiled);
        hit.byKey.set(pipeline.key, compiled);
      }
      this.versions.set(meta, hit);
    }
    return hit;
  }
}
