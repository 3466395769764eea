import { Injectable } from '@nestjs/common';
import { autonumberScope, duplicateColumn, duplicateKey, formatAutonumber, validateRecord, type CompiledObject } from '@tessera/engine';
import type { EntityManager } from 'typeorm';
import type { ErrorItem } from '../common/errors/error-item';
import { UserError } from '../common/errors/user.error';
import type { PublishedMetadata } from '../metadata/published-metadata';
import { mapDbError } from './db-error.map';
import { RecordImportHooks } from './record-import-hooks';
import type { RecordData } from './record-row.convert';
import { RecordRepository } from './record.repository';
import { syncRollupsBulk } from './rollup.sync';

/** One record to import: field values in the API's JSON form, with its system columns decided by the importer. */
export interface ImportRecordInput {
  /** A UUID chosen by the importer, so records of one import can point at each other. */
  id: string;
  values: RecordData;
  ownerId: string;
  orgUnitId: string | null;
  /** When the record counts as created (ISO 8601); now when absent. */
  createdAt?: string;
  /** Handed to the import hooks with the record, e.g. a made-up stage history for demo data. */
  hookData?: Record<string, unknown>;
}

export interface ImportRecordsOptions {
  actorId: string;
  /** Names the source in error pointers and in the history note, e.g. `demo/customers.json`. */
  source: string;
  /** Kept in each record's history entry, e.g. { pack: 'valve-manufacturing', version: '1.0.0' }. */
  note: Record<string, unknown>;
}

export interface ImportRecordsResult {
  inserted: number;
  /** Warning rules that did not hold (accepted for imported data), by rule key. */
  warnings: Record<string, number>;
}

/** Rows per INSERT: PostgreSQL takes at most 65535 bind parameters per statement. */
const MAX_PARAMS = 60_000;
const MAX_BATCH = 1000;

/**
 * The bulk path for imported records (pack demo data): every record goes through the
 * engine's validation exactly like an API create (schema, required fields, formulas,
 * rules; warnings are accepted and counted), autonumbers and duplicate keys are
 * computed, then rows are inserted in multi-row batches inside the caller's transaction.
 * Rollups are recomputed in SQL once per import; each record gets one history entry
 * (action create, no field list, the note). No outbox events: imported data does not
 * trigger automations, approvals or webhooks.
 */
@Injectable()
export class RecordImportService {
  constructor(
    private readonly repo: RecordRepository,
    private readonly hooks: RecordImportHooks,
  ) {}

  async importRecords(m: EntityManager, meta: PublishedMetadata, objectKey: string, records: readonly ImportRecordInput[], opts: ImportRecordsOptions): Promise<ImportRecordsResult> {
    const compiled = meta.compiledObject(objectKey);
    if (!compiled) throw new UserError({ status: 422, code: 'import-unknown-object', title: 'No such object', errors: [{ path: `/${opts.source}/object`, code: 'ref.unknown-object', message: `object ${objectKey} is not published` }] });
    const warnings: Record<string, number> = {};
    const width = compiled.fields.size + 12;
    const batchSize = Math.max(1, Math.min(MAX_BATCH, Math.floor(MAX_PARAMS / width)));
    const inserted: RecordData[] = [];
    for (let start = 0; start < records.length; start += batchSize) {
      const batch = records.slice(start, start + batchSize);
      const rows = await this.prepare(compiled, batch, start, opts, warnings);
      await this.assignAutonumbers(m, compiled, rows);
      await this.checkDuplicates(m, compiled, rows, start, opts.source);
      let stored: RecordData[];
      try {
        stored = await this.repo.insertMany(m, objectKey, rows, compiled.fields);
      } catch (error) {
        throw mapDbError(error, compiled);
      }
      const hookData = new Map(batch.filter((r) => r.hookData).map((r) => [r.id, r.hookData!]));
      await this.hooks.afterImport({ manager: m, meta, object: compiled, rows: stored, actorId: opts.actorId, hookData });
      await this.repo.addHistory(m, stored.map((r) => ({ object: objectKey, recordId: String(r.id), version: 1, action: 'create' as const, changes: [], actorId: opts.actorId, note: { imported: opts.note } })));
      inserted.push(...stored);
    }
    await syncRollupsBulk(m, this.repo, meta, compiled.object, inserted);
    return { inserted: inserted.length, warnings };
  }

  /** Validates each record as a create and returns the rows to insert, or throws 422 with every problem of the batch. */
  private async prepare(compiled: CompiledObject, batch: readonly ImportRecordInput[], offset: number, opts: ImportRecordsOptions, warnings: Record<string, number>): Promise<RecordData[]> {
    const errors: ErrorItem[] = [];
    const rows: RecordData[] = [];
    for (const [i, record] of batch.entries()) {
      const result = await validateRecord(compiled, { mode: 'create', input: record.values });
      for (const e of result.errors) errors.push({ path: `/${opts.source}/${offset + i}${e.path}`, code: e.code, message: e.message });
      for (const w of result.warnings) warnings[w.rule ?? w.code] = (warnings[w.rule ?? w.code] ?? 0) + 1;
      rows.push({
        id: record.id,
        owner_id: record.ownerId,
        org_unit_id: record.orgUnitId,
        created_by: opts.actorId,
        updated_by: opts.actorId,
        ...(record.createdAt && { created_at: record.createdAt, updated_at: record.createdAt }),
        ...result.changes,
      });
      if (errors.length >= 50) break;
    }
    if (errors.length > 0) {
      throw new UserError({ status: 422, code: 'import-record-invalid', title: 'Imported records are not valid', detail: `${compiled.object.key}: ${errors.length} problem(s) in ${opts.source}`, errors });
    }
    return rows;
  }

  /** One counter update per autonumber scope and batch reserves a block of numbers. */
  private async assignAutonumbers(m: EntityManager, compiled: CompiledObject, rows: RecordData[]): Promise<void> {
    const now = new Date();
    for (const f of compiled.object.fields) {
      if (f.type !== 'autonumber' || f.retired) continue;
      const last = await this.repo.reserveAutonumbers(m, compiled.object.key, f.key, autonumberScope(f.pattern, now), rows.length);
      rows.forEach((row, i) => (row[f.key] = formatAutonumber(f.pattern, now, last - rows.length + 1 + i)));
    }
  }

  /** Duplicate keys are refused within the import and against stored records, like a create. */
  private async checkDuplicates(m: EntityManager, compiled: CompiledObject, rows: RecordData[], offset: number, source: string): Promise<void> {
    for (const rule of compiled.duplicateRules) {
      const column = duplicateColumn(rule);
      const seen = new Map<string, number>();
      const errors: ErrorItem[] = [];
      rows.forEach((row, i) => {
        const key = duplicateKey(rule, row);
        row[column] = key;
        if (key === null) return;
        if (seen.has(key)) errors.push({ path: `/${source}/${offset + i}/${rule.fields[0]}`, code: 'duplicate', message: `duplicates record ${offset + seen.get(key)!} of the import (${rule.key})` });
        seen.set(key, i);
      });
      const stored = await this.repo.existingDuplicateKeys(m, compiled.object.key, column, [...seen.keys()]);
      for (const key of stored) errors.push({ path: `/${source}/${offset + seen.get(key)!}/${rule.fields[0]}`, code: 'duplicate', message: `a stored ${compiled.object.key} record has the same ${rule.fields.join(', ')} (${rule.key})` });
      if (errors.length > 0) throw new UserError({ status: 409, code: 'import-duplicate', title: 'Imported records duplicate each other or stored records', errors });
    }
  }
}
