import { Injectable } from '@nestjs/common';
import type { Field } from '@tessera/metadata';
import { parseListQuery, qualifiedTable, quoteIdent, SYSTEM_FIELDS, type CompiledObject, type FilterNode, type RowFilter, type ValidationIssue } from '@tessera/engine';
import { UserError } from '../common/errors/user.error';
import type { Actor } from '../identity/actor';
import { AccessService } from '../identity/access.service';
import type { ObjectAccess } from '../identity/object-access';
import { MetadataRuntime } from '../metadata/metadata-runtime.service';
import { RecordDerivedFields, type DerivedField } from './record-derived-fields';
import { unknownObject } from './record-errors';
import { visibleFields } from './record-read.service';
import { filterSql, rowFilterSql } from './sql/record-filter.sql';
import type { SqlParams } from './sql/sql-params';

/** A part of a record-set filter (list filter JSON) and the request pointer its problems are reported at. */
export interface FilterPart {
  path: string;
  filter: unknown;
}

/**
 * The live records of one object a caller may read (or export), narrowed by list filters:
 * what an aggregate query of another module (analytics) runs over. It renders as a SQL
 * relation over the object's table; only this module writes SQL that names `data.*`.
 */
export class RecordSet {
  constructor(
    readonly object: string,
    readonly compiled: CompiledObject,
    readonly access: ObjectAccess,
    /** Visible fields and system fields, by key. */
    readonly fields: ReadonlyMap<string, Field>,
    /** The rows asked for: the caller's scope for the action. */
    readonly scope: RowFilter,
    /** Every filter part, checked and combined (the list API's filter JSON); undefined: no filter. */
    readonly filter: FilterNode | undefined,
    private readonly derived: ReadonlyMap<string, DerivedField>,
  ) {}

  /** The field (or system field) by key when the caller may see it; hidden and unknown keys give undefined. */
  field(key: string): Field | undefined {
    return this.fields.get(key);
  }

  /**
   * `SELECT "id", <columns> FROM data.<object> WHERE live AND in scope AND filter`, for use
   * as a subquery. Columns are visible field or system keys; anything else is refused, so
   * a hidden field can be neither a dimension nor a measure.
   */
  sql(p: SqlParams, columns: readonly string[] = []): string {
    const cols = [...new Set(['id', ...columns])];
    for (const c of cols) {
      if (!this.fields.has(c)) throw new UserError({ status: 400, code: 'field-unknown', title: 'Unknown field', detail: `${this.object} has no field ${c} you may read`, errors: [{ path: '', code: 'field.unknown', message: `unknown field ${JSON.stringify(c)}` }] });
    }
    const where = ['"deleted_at" IS NULL', rowFilterSql(this.scope, p)];
    if (this.filter) where.push(filterSql(this.filter, new Map(this.fields), p, this.derived));
    return `SELECT ${cols.map(quoteIdent).join(', ')} FROM ${qualifiedTable(this.object)} WHERE ${where.join(' AND ')}`;
  }
}

/**
 * Opens record sets for aggregate queries: the caller's access (read, or export for a
 * download), visible fields, and filter parts checked like list filters — derived fields
 * (stage history facts) included, so a drill-down filter and the figure that carries it
 * select the same records.
 */
@Injectable()
export class RecordSetService {
  constructor(
    private readonly runtime: MetadataRuntime,
    private readonly access: AccessService,
    private readonly derived: RecordDerivedFields,
  ) {}

  async open(actor: Actor, objectKey: string, parts: readonly FilterPart[], action: 'read' | 'export' = 'read'): Promise<RecordSet> {
    const meta = await this.runtime.get();
    const compiled = meta.compiledObject(objectKey);
    if (!compiled) throw unknownObject(objectKey);
    const access = await this.access.require(actor, objectKey, action);
    const fields = new Map<string, Field>([...SYSTEM_FIELDS.map((f) => [f.key, f] as const), ...visibleFields(compiled, access)]);
    const derived = this.derived.of(meta, objectKey, access.hidden);
    const errors: ValidationIssue[] = [];
    const nodes: FilterNode[] = [];
    for (const part of parts) {
      const parsed = parseListQuery(compiled, { filter: part.filter as never }, (k) => !access.hidden.has(k), [...derived.values()].map((d) => d.field));
      if (parsed.query?.filter) nodes.push(parsed.query.filter);
      errors.push(...parsed.errors.filter((e) => e.path.startsWith('/filter')).map((e) => ({ ...e, path: part.path + e.path.slice('/filter'.length) })));
    }
    if (errors.length) throw new UserError({ status: 400, code: 'query-invalid', title: 'The analytics query is invalid', errors });
    const filter = nodes.length === 0 ? undefined : nodes.length === 1 ? nodes[0] : { and: nodes };
    const scope = action === 'export' ? (access.byAction.export ?? access.read) : access.read;
    return new RecordSet(objectKey, compiled, access, fields, scope, filter, derived);
  }

  /**
   * Live records of `objectKey` pointing at a parent through the relation `via`, as
   * (parent_id, at = created_at): facts about the parents (when they were first followed
   * up), so no caller scope applies, as with countRelated.
   */
  async relatedSql(objectKey: string, via: string): Promise<string> {
    const compiled = (await this.runtime.get()).compiledObject(objectKey);
    if (!compiled) throw unknownObject(objectKey);
    if (compiled.fields.get(via)?.type !== 'relation') throw new UserError({ status: 400, code: 'relation-unknown', title: 'No such relation', errors: [{ path: '/followUp', code: 'relation.unknown', message: `${objectKey}.${via} is not a relation field` }] });
    return `SELECT ${quoteIdent(via)} AS "parent_id", "created_at" AS "at" FROM ${qualifiedTable(objectKey)} WHERE "deleted_at" IS NULL`;
  }
}
