import { Injectable } from '@nestjs/common';
import type { CompareCondition, Field } from '@tessera/metadata';
import { ALL_ROWS, fieldType, parseListQuery, SYSTEM_COLUMNS, type CompiledObject, type FilterLeaf, type RawListQuery } from '@tessera/engine';
import { DataSource, type EntityManager } from 'typeorm';
import { UserError } from '../common/errors/user.error';
import type { Actor } from '../identity/actor';
import { AccessService } from '../identity/access.service';
import type { ObjectAccess } from '../identity/object-access';
import { MetadataRuntime } from '../metadata/metadata-runtime.service';
import type { PublishedMetadata } from '../metadata/published-metadata';
import { RecordDerivedFields } from './record-derived-fields';
import { notFound, unknownObject } from './record-errors';
import { rowToRecord, withoutHidden, type RecordData } from './record-row.convert';
import { RecordRepository, type HistoryRow } from './record.repository';
import { decodeCursor, encodeCursor } from './sql/record-cursor';
import { IdentityService } from '../identity/identity.service';

export interface RecordPage {
  items: RecordData[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** Visible fields: active fields minus those the caller may not see. */
export function visibleFields(compiled: CompiledObject, access: ObjectAccess): Map<string, Field> {
  return new Map([...compiled.fields].filter(([k]) => !access.hidden.has(k)));
}

/** Fields the text search looks in: those marked searchable, else every text-like field. */
export function searchFields(fields: Map<string, Field>): string[] {
  const all = [...fields.values()].filter((f) => fieldType(f).textSearch);
  const marked = all.filter((f) => f.searchable);
  return (marked.length ? marked : all).map((f) => f.key);
}

/** Record reads. Every query carries the caller's row scope and leaves out hidden fields. */
@Injectable()
export class RecordReadService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: RecordRepository,
    private readonly runtime: MetadataRuntime,
    private readonly access: AccessService,
    private readonly derived: RecordDerivedFields,
    private readonly identity: IdentityService,
  ) {}

  async get(actor: Actor, objectKey: string, id: string, expand: string[] = []): Promise<RecordData> {
    const { meta, compiled } = await this.target(objectKey);
    const access = await this.access.require(actor, objectKey, 'read');
    const fields = visibleFields(compiled, access);
    const raw = await this.repo.find(this.dataSource, objectKey, id, fields, access.read);
    if (!raw) throw notFound(objectKey, id);
    const [record] = await this.expand(actor, meta, fields, [rowToRecord(raw, fields)], expand);
    return record;
  }

  async list(actor: Actor, objectKey: string, raw: RawListQuery): Promise<RecordPage> {
    const { meta, compiled } = await this.target(objectKey);
    const access = await this.access.require(actor, objectKey, 'read');
    const fields = visibleFields(compiled, access);
    const derived = this.derived.of(meta, objectKey, access.hidden);
    const parsed = parseListQuery(compiled, raw, (k) => !access.hidden.has(k), [...derived.values()].map((d) => d.field));
    if (!parsed.query) throw new UserError({ status: 400, code: 'query-invalid', title: 'The list query is invalid', errors: parsed.errors });
    const { query } = parsed;
    const cursor = query.cursor ? decodeCursor(query.cursor, query.sort.length) : undefined;
    if (query.cursor && !cursor) throw new UserError({ status: 400, code: 'query-invalid', title: 'The cursor is invalid', errors: [{ path: '/cursor', code: 'cursor.invalid', message: 'not a cursor of this list' }] });
    const rows = await this.repo.list({ object: objectKey, fields, searchFields: searchFields(fields), scope: access.read, query, cursor, derived });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > query.limit && last ? encodeCursor({ values: query.sort.map((s) => last[s.field] ?? null), id: String(last.id) }) : null;
    const shown = query.fields ? new Map([...fields].filter(([k]) => query.fields!.includes(k))) : fields;
    const items = await this.expand(actor, meta, fields, page.map((r) => rowToRecord(r, shown)), query.expand);
    return { items, nextCursor };
  }

  /** The record's field history, hidden fields left out, each write with its author's name. */
  async history(actor: Actor, objectKey: string, id: string): Promise<Array<HistoryRow & { actorName: string | null }>> {
    const { compiled } = await this.target(objectKey);
    const access = await this.access.require(actor, objectKey, 'read');
    const raw = await this.repo.find(this.dataSource, objectKey, id, visibleFields(compiled, access), access.read, { withDeleted: true });
    if (!raw) throw notFound(objectKey, id);
    const rows = await this.repo.history(objectKey, id);
    const ids = [...new Set(rows.map((h) => h.actorId).filter((a): a is string => typeof a === 'string'))];
    const names = new Map((await this.identity.usersByIds(ids)).map((u) => [u.id, u.displayName]));
    return rows.map((h) => ({
      ...h,
      actorName: (h.actorId && names.get(h.actorId)) ?? null,
      changes: h.changes.filter((c) => !access.hidden.has(c.field) && (compiled.fields.has(c.field) || SYSTEM_COLUMNS.includes(c.field))),
    }));
  }

  /**
   * How many live records of `objectKey` point at `id` through the relation `via` and
   * match every `where` comparison. A fact about the record (stage gates count visits),
   * so it ignores the caller's row scope.
   */
  async countRelated(objectKey: string, via: string, id: string, where: readonly CompareCondition[] = []): Promise<number> {
    const { compiled } = await this.target(objectKey);
    if (compiled.fields.get(via)?.type !== 'relation') throw new UserError({ status: 422, code: 'relation-unknown', title: 'No such relation', detail: `${objectKey}.${via} is not a relation field` });
    const leaves: FilterLeaf[] = where.map((c) => (c.op === 'isEmpty' || c.op === 'notEmpty' ? { field: c.field, op: 'isEmpty', value: c.op === 'isEmpty' } : { field: c.field, op: c.op, value: c.value }));
    return this.repo.countReferencing(this.dataSource, objectKey, via, id, compiled.fields, leaves.length ? { and: leaves } : undefined);
  }

  /** When the record, or its related records of `related.object` pointing here through `related.via`, last changed (quiet-period triggers). */
  async lastActivity(objectKey: string, id: string, related?: { object: string; via: string }): Promise<Date | undefined> {
    const { meta } = await this.target(objectKey);
    if (related && meta.compiledObject(related.object)?.fields.get(related.via)?.type !== 'relation') throw new UserError({ status: 422, code: 'relation-unknown', title: 'No such relation', detail: `${related.object}.${related.via} is not a relation field` });
    return this.repo.lastActivity(this.dataSource, objectKey, id, related);
  }

  /**
   * Live records of `objectKey` owned by each user that match every `where` comparison:
   * the load of the candidates of an assignment rule, counted in SQL, scope ignored.
   */
  async countByOwner(objectKey: string, ownerIds: readonly string[], where: readonly CompareCondition[] = []): Promise<Record<string, number>> {
    const { compiled } = await this.target(objectKey);
    if (ownerIds.length === 0) return {};
    const leaves: FilterLeaf[] = where.map((c) => (c.op === 'isEmpty' || c.op === 'notEmpty' ? { field: c.field, op: 'isEmpty', value: c.op === 'isEmpty' } : { field: c.field, op: c.op, value: c.value }));
    return this.repo.countByOwner(this.dataSource, objectKey, ownerIds, compiled.fields, leaves.length ? { and: leaves } : undefined);
  }

  /**
   * Ids of the live records whose `field` holds `value` (at most two: callers only need
   * to know none, one or several), scope ignored: for upserts by an external key, which
   * then read or write through the ordinary checked paths.
   */
  async idsByValue(objectKey: string, field: string, value: unknown): Promise<string[]> {
    const { compiled } = await this.target(objectKey);
    const f = compiled.fields.get(field);
    if (!f) throw new UserError({ status: 404, code: 'field-not-found', title: 'Field not found', detail: `${objectKey} has no field ${field}` });
    return this.repo.idsWhere(this.dataSource, objectKey, f, value);
  }

  /**
   * The whole live record (every field, no access check), read in the caller's
   * transaction and locked until it ends: for modules acting on a record as the platform
   * (an approval submit routes on exactly the values it locks). Undefined when absent.
   */
  async lockForSystem(m: EntityManager, objectKey: string, id: string): Promise<RecordData | undefined> {
    const { compiled } = await this.target(objectKey);
    const raw = await this.repo.find(m, objectKey, id, compiled.fields, ALL_ROWS, { lock: true });
    return raw && rowToRecord(raw, compiled.fields);
  }

  private async target(objectKey: string): Promise<{ meta: PublishedMetadata; compiled: CompiledObject }> {
    const meta = await this.runtime.get();
    const compiled = meta.compiledObject(objectKey);
    if (!compiled) throw unknownObject(objectKey);
    return { meta, compiled };
  }

  /**
   * Expands relation fields: the related records the caller may read, under
   * `_expand.<field>`, checked with the caller's access to the target object.
   */
  private async expand(actor: Actor, meta: PublishedMetadata, fields: Map<string, Field>, records: RecordData[], expand: string[]): Promise<RecordData[]> {
    for (const key of expand) {
      const field = fields.get(key);
      if (field?.type !== 'relation') continue;
      const target = meta.compiledObject(field.target);
      if (!target) continue;
      const access = await this.access.objectAccess(actor, field.target);
      if (!access.actions.has('read')) continue;
      const ids = [...new Set(records.map((r) => r[key]).filter((v): v is string => typeof v === 'string'))];
      if (ids.length === 0) continue;
      const targetFields = visibleFields(target, access);
      const page = await this.repo.list({
        object: field.target,
        fields: targetFields,
        searchFields: [],
        scope: access.read,
        query: { filter: { field: 'id', op: 'in', value: ids }, sort: [{ field: 'id', direction: 'asc' }], limit: ids.length, expand: [] },
      });
      const byId = new Map(page.map((r) => [String(r.id), withoutHidden(rowToRecord(r, targetFields), access.hidden)]));
      for (const r of records) {
        const related = typeof r[key] === 'string' ? byId.get(r[key] as string) : undefined;
        if (related) r._expand = { ...(r._expand as object | undefined), [key]: related };
      }
    }
    return records;
  }
}
