import { Injectable } from '@nestjs/common';
import type { Field } from '@tessera/metadata';
import type { PublishedMetadata } from '../metadata/published-metadata';
import type { SqlParams } from './sql/sql-params';

/**
 * A fact another module keeps about records of an object (when a record entered its
 * stage), offered to record-list filters as if it were a field. The providing module
 * owns the SQL over its own tables: `rows` is a relation of (record_id, value) — one row
 * per record for a single value, several for a set (a multiselect-like field).
 */
export interface DerivedField {
  /** Its type, options and label; the key contains a dot, which no field key can. */
  field: Field;
  /** A field of the object whose access it shares: hidden when that field is hidden. */
  follows?: string;
  rows(p: SqlParams): string;
}

export interface DerivedFieldSource {
  readonly name: string;
  fields(meta: PublishedMetadata, object: string): DerivedField[];
}

/** Where modules register derived fields, so records never imports them (as with write guards). */
@Injectable()
export class RecordDerivedFields {
  private readonly sources: DerivedFieldSource[] = [];

  register(source: DerivedFieldSource): void {
    if (!this.sources.some((s) => s.name === source.name)) this.sources.push(source);
  }

  /** The derived fields of `object` a caller may use, by key (`hidden` are the caller's hidden fields). */
  of(meta: PublishedMetadata, object: string, hidden: ReadonlySet<string> = new Set()): Map<string, DerivedField> {
    const all = this.sources.flatMap((s) => s.fields(meta, object));
    return new Map(all.filter((d) => !(d.follows && hidden.has(d.follows))).map((d) => [d.field.key, d]));
  }
}
