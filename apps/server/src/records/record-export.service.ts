import { Injectable } from '@nestjs/common';
import type { Field } from '@tessera/metadata';
import { CSV_BOM, csvLine, parseListQuery, SYSTEM_FIELDS, type ListQuery, type RawListQuery } from '@tessera/engine';
import { AuditService } from '../audit/audit.service';
import { UserError } from '../common/errors/user.error';
import type { Actor } from '../identity/actor';
import { AccessService } from '../identity/access.service';
import { IdentityService } from '../identity/identity.service';
import { MetadataRuntime } from '../metadata/metadata-runtime.service';
import { RecordDerivedFields, type DerivedField } from './record-derived-fields';
import { unknownObject } from './record-errors';
import { exportCell, labelText, SYSTEM_HEADERS, type ExportNames } from './record-export.format';
import { RecordReadService, searchFields, visibleFields } from './record-read.service';
import { rowToRecord, type RecordData } from './record-row.convert';
import { RecordRepository } from './record.repository';
import type { RowFilter } from '@tessera/engine';
import type { Cursor } from './sql/record-cursor';

/** Rows per keyset batch: one bounded query at a time, whatever the table holds. */
export const EXPORT_BATCH = 500;

/** Field types a CSV cell cannot hold. */
const NOT_EXPORTED = new Set(['attachment']);

/** An export checked and ready to stream: its file name, its lines batch by batch, and its audit entry. */
export interface RecordExport {
  filename: string;
  /** The BOM and header, then one chunk of lines per batch. */
  chunks(): AsyncGenerator<string>;
  /** Data rows written so far. */
  readonly rows: number;
  /** Writes `records.exported` to the audit log (complete: every row was written). */
  audit(complete: boolean): Promise<void>;
}

/**
 * CSV export of a record list: the list's filter, sort and search, the caller's export
 * scope (the export right's read scope), visible fields only, read in keyset batches
 * so that 100k rows never sit in memory or in one query; audited like every export.
 */
@Injectable()
export class RecordExportService {
  constructor(
    private readonly runtime: MetadataRuntime,
    private readonly access: AccessService,
    private readonly derived: RecordDerivedFields,
    private readonly repo: RecordRepository,
    private readonly reads: RecordReadService,
    private readonly identity: IdentityService,
    private readonly audits: AuditService,
  ) {}

  /** Checks the right and the query (4xx before any byte is sent). */
  async open(actor: Actor, objectKey: string, raw: RawListQuery): Promise<RecordExport> {
    const meta = await this.runtime.get();
    const compiled = meta.compiledObject(objectKey);
    if (!compiled) throw unknownObject(objectKey);
    const access = await this.access.require(actor, objectKey, 'export');
    const fields = visibleFields(compiled, access);
    const derived = this.derived.of(meta, objectKey, access.hidden);
    const { limit: _limit, cursor: _cursor, expand: _expand, ...rest } = raw ?? {};
    const parsed = parseListQuery(compiled, rest, (k) => !access.hidden.has(k), [...derived.values()].map((d) => d.field));
    if (!parsed.query) throw new UserError({ status: 400, code: 'query-invalid', title: 'The export query is invalid', errors: parsed.errors });
    const query = parsed.query;
    const system = new Map(SYSTEM_FIELDS.map((f) => [f.key, f]));
    const columns: Field[] = query.fields
      ? query.fields.map((k) => fields.get(k) ?? system.get(k)!).filter((f) => !NOT_EXPORTED.has(f.type))
      : [...[...fields.values()].filter((f) => !NOT_EXPORTED.has(f.type)), system.get('owner_id')!, system.get('created_at')!];
    const scope = access.byAction.export ?? access.read;
    const locale = actor.locale;
    const header = columns.map((f) => labelText(SYSTEM_HEADERS[f.key] ?? f.label, locale));
    const names = new BatchNames(this.identity, this.reads, actor, meta.object.bind(meta));
    let rows = 0;
    const next = (cursor?: Cursor) => this.batch(objectKey, fields, scope, query, derived, cursor);

    return {
      filename: `${objectKey}-${new Date().toISOString().slice(0, 10)}.csv`,
      get rows() {
        return rows;
      },
      chunks: async function* () {
        yield CSV_BOM + csvLine(header);
        let cursor: Cursor | undefined;
        for (;;) {
          const page = await next(cursor);
          const batch = page.slice(0, EXPORT_BATCH);
          if (batch.length === 0) break;
          const records = batch.map((r) => rowToRecord(r, fields));
          await names.load(columns, records);
          yield records.map((r) => csvLine(columns.map((f) => exportCell(f, r[f.key], locale, names)))).join('');
          rows += batch.length;
          if (page.length <= EXPORT_BATCH) break;
          const last = batch[batch.length - 1];
          cursor = { values: query.sort.map((s) => last[s.field] ?? null), id: String(last.id) };
        }
      },
      audit: (complete) =>
        this.audits.record({
          action: 'records.exported',
          actorId: actor.userId,
          target: { type: objectKey },
          details: { source: 'list', filter: query.filter ?? null, q: query.search ?? null, sort: query.sort, fields: columns.map((f) => f.key), rows, complete },
        }),
    };
  }

  private batch(object: string, fields: Map<string, Field>, scope: RowFilter, query: ListQuery, derived: ReadonlyMap<string, DerivedField>, cursor?: Cursor): Promise<RecordData[]> {
    // Every visible column is read (the cursor needs the sort values), one row more than a batch tells whether another follows.
    return this.repo.list({ object, fields, searchFields: searchFields(fields), scope, query: { ...query, fields: undefined, limit: EXPORT_BATCH, expand: [] }, cursor, derived });
  }
}

/** Names for the ids of one batch, looked up once per batch and remembered for the next. */
class BatchNames implements ExportNames {
  private readonly users = new Map<string, string>();
  private readonly units = new Map<string, string>();
  private readonly records = new Map<string, string>();

  constructor(
    private readonly identity: IdentityService,
    private readonly reads: RecordReadService,
    private readonly actor: Actor,
    private readonly objectOf: (key: string) => { titleField?: string } | undefined,
  ) {}

  user = (id: string) => this.users.get(id);
  unit = (id: string) => this.units.get(id);
  record = (field: string, id: string) => this.records.get(`${field}:${id}`);

  async load(columns: Field[], records: RecordData[]): Promise<void> {
    const ids = (f: Field, known: (id: string) => boolean) => [...new Set(records.map((r) => r[f.key]).filter((v): v is string => typeof v === 'string' && !known(v)))];
    const userIds = columns.filter((f) => f.type === 'user').flatMap((f) => ids(f, (id) => this.users.has(id)));
    if (userIds.length) for (const u of await this.identity.usersByIds(userIds)) this.users.set(u.id, u.displayName);
    for (const f of columns.filter((c) => c.key === 'org_unit_id')) {
      for (const id of ids(f, (i) => this.units.has(i))) {
        const unit = await this.identity.unit(id);
        this.units.set(id, unit ? labelText(unit.label, this.actor.locale) : id);
      }
    }
    for (const f of columns.filter((c) => c.type === 'relation' && c.key !== 'id' && c.key !== 'org_unit_id')) {
      if (f.type !== 'relation') continue;
      const title = this.objectOf(f.target)?.titleField;
      const missing = ids(f, (id) => this.records.has(`${f.key}:${id}`));
      if (!title || missing.length === 0) continue;
      // Titles of related records the caller may read; others keep their id.
      const page = await this.reads
        .list(this.actor, f.target, { filter: JSON.stringify({ field: 'id', op: 'in', value: missing }), fields: title, limit: String(missing.length), sort: 'id' })
        .catch(() => ({ items: [] as RecordData[] }));
      for (const r of page.items) if (typeof r[title] === 'string') this.records.set(`${f.key}:${String(r.id)}`, r[title] as string);
    }
  }
}
