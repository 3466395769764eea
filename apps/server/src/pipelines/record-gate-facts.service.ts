import { Injectable } from '@nestjs/common';
import { relatedFactKey, type GateFacts, type RelatedFact } from '@tessera/engine';
import type { CompareCondition } from '@tessera/metadata';
import { UserError } from '../common/errors/user.error';
import type { ErrorItem } from '../common/errors/error-item';
import type { Actor } from '../identity/actor';
import { MetadataRuntime } from '../metadata/metadata-runtime.service';
import { RecordReadService } from '../records/record-read.service';
import { GateFactsService } from './gate-facts.service';
import { PipelineCatalog } from './pipeline-catalog';

const KEY = /^[a-z][a-z0-9_]{0,62}$/;
const COMPARE_OPS = new Set<CompareCondition['op']>(['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'nin', 'contains', 'isEmpty', 'notEmpty']);

/** A related count the caller asks for: the `object`, `via` and `where` of a related condition. */
export type RelatedRequest = { object: string; via: string; where?: CompareCondition[] };

/**
 * Everything a stage gate may know about one record beyond its fields, for the designer's
 * "test against a record": attachments by field and category, the latest outcome per
 * approval flow, the checklist, and related counts — those the caller names (a draft
 * pipeline's related conditions), else those of the published pipeline. The same
 * GateFactsService gathers them as for a stage move; the record is read as the caller,
 * so a record outside their row scope is 404.
 */
@Injectable()
export class RecordGateFactsService {
  constructor(
    private readonly runtime: MetadataRuntime,
    private readonly catalog: PipelineCatalog,
    private readonly reads: RecordReadService,
    private readonly facts: GateFactsService,
  ) {}

  async read(actor: Actor, objectKey: string, id: string, related: RelatedRequest[] | undefined): Promise<GateFacts> {
    await this.reads.get(actor, objectKey, id);
    const counts: RelatedFact[] = related
      ? related.map((r) => ({ key: relatedFactKey(r), object: r.object, via: r.via, where: r.where ?? [] }))
      : [...(this.catalog.forObject(await this.runtime.get(), objectKey)?.needs.related ?? [])];
    return this.facts.gatherFor(objectKey, id, { attachments: true, approvals: true, checklist: true, related: counts });
  }
}

/** Parses `?related=[{"object":"quote","via":"opportunity","where":[…]}]`; 422 with a pointer per problem. */
export function parseRelated(raw: string | undefined): RelatedRequest[] | undefined {
  if (raw === undefined || raw === '') return undefined;
  const errors: ErrorItem[] = [];
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    errors.push({ path: '/related', code: 'json', message: 'related must be a JSON array' });
  }
  if (!errors.length && !Array.isArray(value)) errors.push({ path: '/related', code: 'type', message: 'related must be a JSON array' });
  const list = Array.isArray(value) ? value : [];
  if (list.length > 50) errors.push({ path: '/related', code: 'maxItems', message: 'at most 50 related counts' });
  list.forEach((item: unknown, i) => {
    const at = `/related/${i}`;
    const r = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    for (const k of ['object', 'via']) if (typeof r[k] !== 'string' || !KEY.test(r[k] as string)) errors.push({ path: `${at}/${k}`, code: 'pattern', message: `${k} must be a key` });
    if (r.where !== undefined && !Array.isArray(r.where)) errors.push({ path: `${at}/where`, code: 'type', message: 'where must be an array of compare conditions' });
    (Array.isArray(r.where) ? r.where : []).forEach((w: unknown, j) => {
      const c = (typeof w === 'object' && w !== null ? w : {}) as Record<string, unknown>;
      if (c.kind !== 'compare') errors.push({ path: `${at}/where/${j}/kind`, code: 'const', message: 'kind must be "compare"' });
      if (typeof c.field !== 'string' || !KEY.test(c.field)) errors.push({ path: `${at}/where/${j}/field`, code: 'pattern', message: 'field must be a key' });
      if (!COMPARE_OPS.has(c.op as CompareCondition['op'])) errors.push({ path: `${at}/where/${j}/op`, code: 'enum', message: `op must be one of ${[...COMPARE_OPS].join(', ')}` });
    });
  });
  if (errors.length) throw new UserError({ status: 422, code: 'gate-facts-query-invalid', title: 'The related counts asked for are invalid', errors });
  return list as RelatedRequest[];
}
