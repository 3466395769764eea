import { Injectable } from '@nestjs/common';
import type { Field, ObjectDefinition } from '@tessera/metadata';
import {
  autonumberScope, duplicateColumn, duplicateKey, formatAutonumber, rowMatches, validateRecord, WRITABLE_SYSTEM_KEYS,
  type CompiledObject, type ValidationIssue,
} from '@tessera/engine';
import { DataSource, type EntityManager } from 'typeorm';
import { UserError } from '../common/errors/user.error';
import type { Actor } from '../identity/actor';
import { AccessService } from '../identity/access.service';
import { IdentityService } from '../identity/identity.service';
import type { ObjectAccess } from '../identity/object-access';
import { MetadataRuntime } from '../metadata/metadata-runtime.service';
import type { PublishedMetadata } from '../metadata/published-metadata';
import { OutboxService } from '../outbox/outbox.service';
import {
  duplicateRecord, fieldForbidden, invalidRecord, notFound, unacknowledgedWarnings, unknownObject, versionConflict,
} from './record-errors';
import { mapDbError } from './db-error.map';
import { RecordWriteGuards } from './record-hooks';
import { rowToRecord, withoutHidden, type RecordData } from './record-row.convert';
import { RecordRepository, type HistoryEntry } from './record.repository';
import { syncRollups } from './rollup.sync';

export interface WriteOptions {
  /** Warning rules the writer has seen and accepts (header Acknowledge-Warnings). */
  acknowledge?: string[];
  /** The version the writer based an update on (If-Match or body.version). */
  expectedVersion?: number;
  requestId?: string;
  /**
   * Run inside this transaction instead of a new one (create and update): another
   * module's own write and the record change it causes commit together, e.g. an
   * approval's outcome, an automation's actions. A create in a caller's transaction must
   * own the record as the actor itself (another owner costs a lookup on the pool).
   */
  manager?: EntityManager;
}

interface Target {
  meta: PublishedMetadata;
  compiled: CompiledObject;
  object: ObjectDefinition;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Record writes: access check -> load or fail -> engine rules -> one transaction
 * (row, rollups, history, outbox event) -> response. Nothing is written unless
 * all of it is.
 */
@Injectable()
export class RecordWriteService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: RecordRepository,
    private readonly runtime: MetadataRuntime,
    private readonly access: AccessService,
    private readonly identity: IdentityService,
    private readonly outbox: OutboxService,
    private readonly guards: RecordWriteGuards,
  ) {}

  async create(actor: Actor, objectKey: string, body: RecordData, opts: WriteOptions = {}): Promise<RecordData> {
    const { meta, compiled, object } = await this.target(objectKey);
    const access = await this.access.require(actor, objectKey, 'create');
    const { input, system } = this.split(body);
    this.assertWritable(access, Object.keys(input));
    const result = await validateRecord(compiled, { mode: 'create', input, locale: actor.locale });
    this.assertValid(result.errors, result.warnings, opts.acknowledge, actor);

    const ownerId = typeof system.owner_id === 'string' && system.owner_id !== actor.userId ? await this.checkedOwner(actor, access, system.owner_id) : actor.userId;
    // The caller's own unit is on the actor already; another owner's costs one lookup.
    const orgUnitId = ownerId === actor.userId ? actor.orgUnitId : await this.identity.unitOf(ownerId);
    return this.transaction(compiled, async (m) => {
      const id = this.repo.newId();
      const values: RecordData = { id, owner_id: ownerId, org_unit_id: orgUnitId, created_by: actor.userId, updated_by: actor.userId, ...result.changes };
      for (const f of object.fields) {
        if (f.type === 'autonumber' && !f.retired) {
          const now = new Date();
          const seq = await this.repo.nextAutonumber(m, object.key, f.key, autonumberScope(f.pattern, now));
          values[f.key] = formatAutonumber(f.pattern, now, seq);
        }
      }
      await this.checkDuplicates(m, compiled, values, undefined);
      await this.guards.check({ actor, object: compiled, action: 'create', after: values, changed: new Set(Object.keys(result.changes)), manager: m });
      const row = rowToRecord(await this.repo.insert(m, object.key, values, compiled.fields), compiled.fields);
      await syncRollups(m, this.repo, meta, object, undefined, row, 'all');
      const changes = [...compiled.fields.keys()].filter((k) => row[k] !== null && row[k] !== undefined).map((k) => ({ field: k, old: null, new: row[k] }));
      await this.record(m, actor, opts, { object: object.key, recordId: id, version: 1, action: 'create', changes, note: this.ackNote(result.warnings) }, 'record.created', { values: Object.fromEntries(changes.map((c) => [c.field, c.new])) });
      return withoutHidden(row, access.hidden);
    }, opts.manager);
  }

  async update(actor: Actor, objectKey: string, id: string, body: RecordData, opts: WriteOptions = {}): Promise<RecordData> {
    const { meta, compiled, object } = await this.target(objectKey);
    const access = await this.access.require(actor, objectKey, 'update');
    const { input, system } = this.split(body);
    const expected = opts.expectedVersion ?? (typeof system.version === 'number' ? system.version : undefined);
    this.assertWritable(access, Object.keys(input));
    if (system.owner_id !== undefined) {
      throw new UserError({ status: 422, code: 'owner-not-writable', title: 'Use the transfer endpoint to change the owner', errors: [{ path: '/owner_id', code: 'field.not_writable', message: 'POST …/records/:id/transfer changes the owner' }] });
    }

    return this.transaction(compiled, async (m) => {
      const stored = await this.loadForWrite(m, compiled, access, id);
      if (expected !== undefined && expected !== stored.version) throw versionConflict(object.key, id, expected, Number(stored.version));
      const result = await validateRecord(compiled, { mode: 'update', input, previous: stored, locale: actor.locale });
      this.assertValid(result.errors, result.warnings, opts.acknowledge, actor);
      const changed = Object.entries(result.changes).filter(([k, v]) => !same(stored[k], v));
      if (changed.length === 0) return withoutHidden(stored, access.hidden);
      return this.writeUpdate(m, actor, { meta, compiled, object }, access, stored, Object.fromEntries(changed), result.warnings, opts);
    }, opts.manager);
  }

  /**
   * Writes the stage field of a record for the pipelines module, which owns the rules.
   * Access is the moveStage action over its row scope (field permissions do not apply: the
   * stage is moved, not edited). In one transaction the row is locked, `decide` sees the
   * stored record, may write its own rows through the same manager or throw to refuse,
   * and returns the stage; that value is then written like any update (validation,
   * guards, rollups, history, outbox).
   */
  async moveStage(
    actor: Actor, objectKey: string, id: string, stageField: string,
    decide: (stored: RecordData, m: EntityManager) => Promise<string>, opts: WriteOptions = {},
  ): Promise<RecordData> {
    const { meta, compiled, object } = await this.target(objectKey);
    const access = await this.access.require(actor, objectKey, 'moveStage');
    return this.transaction(compiled, async (m) => {
      const stored = await this.loadForWrite(m, compiled, { ...access, write: access.byAction.moveStage ?? access.write }, id);
      if (opts.expectedVersion !== undefined && opts.expectedVersion !== stored.version) throw versionConflict(object.key, id, opts.expectedVersion, Number(stored.version));
      const result = await validateRecord(compiled, { mode: 'update', input: { [stageField]: await decide(stored, m) }, previous: stored, locale: actor.locale });
      this.assertValid(result.errors, result.warnings, opts.acknowledge, actor);
      const changed = Object.entries(result.changes).filter(([k, v]) => !same(stored[k], v));
      return this.writeUpdate(m, actor, { meta, compiled, object }, access, stored, Object.fromEntries(changed), result.warnings, opts);
    }, opts.manager);
  }

  async remove(actor: Actor, objectKey: string, id: string, opts: WriteOptions = {}): Promise<void> {
    const { meta, compiled, object } = await this.target(objectKey);
    const access = await this.access.require(actor, objectKey, 'delete');
    await this.transaction(compiled, async (m) => {
      const stored = await this.loadForWrite(m, compiled, access, id);
      if (opts.expectedVersion !== undefined && opts.expectedVersion !== stored.version) throw versionConflict(object.key, id, opts.expectedVersion, Number(stored.version));
      await this.guards.check({ actor, object: compiled, action: 'delete', before: stored, after: stored, changed: new Set(), manager: m });
      await this.releaseReferences(m, meta, actor, opts, object.key, id);
      const version = await this.repo.setDeleted(m, object.key, id, true, actor.userId);
      await syncRollups(m, this.repo, meta, object, stored, undefined, 'all');
      await this.record(m, actor, opts, { object: object.key, recordId: id, version, action: 'delete', changes: [] }, 'record.deleted', {});
    });
  }

  async restore(actor: Actor, objectKey: string, id: string, opts: WriteOptions = {}): Promise<RecordData> {
    const { meta, compiled, object } = await this.target(objectKey);
    const access = await this.access.require(actor, objectKey, 'delete');
    return this.transaction(compiled, async (m) => {
      const raw = await this.repo.find(m, object.key, id, compiled.fields, access.write, { lock: true, withDeleted: true });
      if (!raw || !raw.deleted_at) throw notFound(object.key, id);
      const stored = rowToRecord(raw, compiled.fields);
      await this.checkDuplicates(m, compiled, stored, id);
      await this.guards.check({ actor, object: compiled, action: 'restore', before: stored, after: stored, changed: new Set(), manager: m });
      const version = await this.repo.setDeleted(m, object.key, id, false, actor.userId);
      await syncRollups(m, this.repo, meta, object, undefined, stored, 'all');
      await this.record(m, actor, opts, { object: object.key, recordId: id, version, action: 'restore', changes: [] }, 'record.restored', {});
      return withoutHidden({ ...stored, version, deleted_at: undefined }, access.hidden);
    });
  }

  /** The write half of an update: duplicates, guards, row, rollups, history and event. */
  private async writeUpdate(
    m: EntityManager, actor: Actor, { meta, compiled, object }: Target, access: ObjectAccess,
    stored: RecordData, changes: RecordData, warnings: ValidationIssue[], opts: WriteOptions,
  ): Promise<RecordData> {
    const id = String(stored.id);
    const after = { ...stored, ...changes };
    const changedKeys = Object.keys(changes).filter((k) => !k.startsWith('_dup_'));
    await this.checkDuplicates(m, compiled, after, id, changes);
    await this.guards.check({ actor, object: compiled, action: 'update', before: stored, after, changed: new Set(changedKeys), manager: m });
    const row = rowToRecord(await this.repo.update(m, object.key, id, changes, compiled.fields, actor.userId), compiled.fields);
    await syncRollups(m, this.repo, meta, object, stored, row, new Set(changedKeys));
    await this.record(
      m, actor, opts,
      { object: object.key, recordId: id, version: Number(row.version), action: 'update', changes: changedKeys.map((k) => ({ field: k, old: stored[k] ?? null, new: changes[k] })), note: this.ackNote(warnings) },
      'record.updated',
      // values: the fields as this write left them, so a job reading the event later sees this change, not a newer one.
      { changed: changedKeys, previous: Object.fromEntries(changedKeys.map((k) => [k, stored[k] ?? null])), values: Object.fromEntries(changedKeys.map((k) => [k, row[k] ?? null])) },
    );
    return withoutHidden(row, access.hidden);
  }

  /** One transaction per write; constraint violations become field errors. */
  private async transaction<T>(compiled: CompiledObject, work: (m: EntityManager) => Promise<T>, manager?: EntityManager): Promise<T> {
    try {
      return await (manager ? work(manager) : this.dataSource.transaction(work));
    } catch (error) {
      throw mapDbError(error, compiled);
    }
  }

  private async target(objectKey: string): Promise<Target> {
    const meta = await this.runtime.get();
    const compiled = meta.compiledObject(objectKey);
    if (!compiled) throw unknownObject(objectKey);
    return { meta, compiled, object: compiled.object };
  }

  /** Separates system keys (owner_id, version) from field values; other system keys are refused by the schema. */
  private split(body: RecordData): { input: RecordData; system: RecordData } {
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw new UserError({ status: 400, code: 'body-invalid', title: 'The body must be a JSON object', errors: [{ path: '', code: 'type', message: 'expected an object' }] });
    }
    const input: RecordData = {};
    const system: RecordData = {};
    for (const [k, v] of Object.entries(body)) ((WRITABLE_SYSTEM_KEYS as readonly string[]).includes(k) ? system : input)[k] = v;
    return { input, system };
  }

  private assertWritable(access: ObjectAccess, keys: string[]): void {
    const hidden = keys.filter((k) => access.hidden.has(k));
    if (hidden.length) throw fieldForbidden(hidden, 'hidden');
    const readOnly = keys.filter((k) => access.readOnly.has(k));
    if (readOnly.length) throw fieldForbidden(readOnly, 'read_only');
  }

  /**
   * Errors always refuse. Warnings ask a person to confirm, so they refuse until
   * acknowledged; the platform's own writes (automations, approval outcomes) have
   * nobody to ask and go through, the warnings still kept in the history note.
   */
  private assertValid(errors: Parameters<typeof invalidRecord>[0], warnings: Parameters<typeof invalidRecord>[0], acknowledged: string[] = [], actor?: Actor): void {
    if (errors.length > 0) throw invalidRecord(errors);
    if (actor?.kind === 'system') return;
    const open = warnings.filter((w) => !acknowledged.includes(w.rule ?? ''));
    if (open.length > 0) throw unacknowledgedWarnings(open);
  }

  private ackNote(warnings: Array<{ rule?: string; message: string }>) {
    return warnings.length ? { acknowledgedWarnings: warnings.map((w) => ({ rule: w.rule, message: w.message })) } : null;
  }

  /** Setting another owner on create needs the reassign right over that owner's rows. */
  private async checkedOwner(actor: Actor, access: ObjectAccess, ownerId: string): Promise<string> {
    const unit = await this.identity.unitOf(ownerId).catch(() => undefined);
    if (unit === undefined || !access.actions.has('reassign') || !rowMatches(access.write, { owner_id: ownerId, org_unit_id: unit })) {
      throw new UserError({ status: 403, code: 'owner-forbidden', title: 'You may not create records for that owner', errors: [{ path: '/owner_id', code: 'owner.forbidden', message: 'not a user whose records you may assign' }] });
    }
    return ownerId;
  }

  /** Locks the live row for the write; 404 when invisible, 403 when visible but not writable. */
  private async loadForWrite(m: EntityManager, compiled: CompiledObject, access: ObjectAccess, id: string): Promise<RecordData> {
    const key = compiled.object.key;
    const raw = await this.repo.find(m, key, id, compiled.fields, access.write, { lock: true });
    if (raw) return rowToRecord(raw, compiled.fields);
    const visible = await this.repo.find(m, key, id, compiled.fields, access.read);
    if (visible) throw new UserError({ status: 403, code: 'record-forbidden', title: 'You may not change this record', detail: `${key} ${id} is outside the rows you may change` });
    throw notFound(key, id);
  }

  private async checkDuplicates(m: EntityManager, compiled: CompiledObject, record: RecordData, selfId: string | undefined, changes?: RecordData): Promise<void> {
    for (const rule of compiled.duplicateRules) {
      const key = duplicateKey(rule, record);
      const column = duplicateColumn(rule);
      if (changes && !rule.fields.some((f) => f in changes)) continue;
      if (key !== null) {
        const existing = await this.repo.findDuplicate(m, compiled.object.key, column, key, selfId);
        if (existing) throw duplicateRecord(compiled.object.key, existing, rule.key, rule.fields[0], rule.message?.['zh-CN']);
      }
      // The hidden key column travels with the write.
      (changes ?? record)[column] = key;
    }
  }

  /** Before a soft delete: refuse when restrict relations point here, clear setNull ones. */
  private async releaseReferences(m: EntityManager, meta: PublishedMetadata, actor: Actor, opts: WriteOptions, target: string, id: string): Promise<void> {
    const blockers: Array<{ path: string; code: string; message: string }> = [];
    for (const other of meta.objects()) {
      for (const f of other.fields as Field[]) {
        if (f.type !== 'relation' || f.target !== target || f.retired) continue;
        if ((f.onDelete ?? 'restrict') === 'restrict') {
          const refs = await this.repo.referencing(m, other.key, f.key, id);
          if (refs.length) blockers.push({ path: '', code: 'delete.referenced', message: `${refs.length}${refs.length === 20 ? '+' : ''} ${other.key} record(s) point here through ${f.key}` });
        } else {
          const cleared = await this.repo.clearReferences(m, other.key, f.key, id, actor.userId);
          await this.repo.addHistory(m, cleared.map((c) => ({ object: other.key, recordId: c.id, version: Number(c.version), action: 'update' as const, changes: [{ field: f.key, old: id, new: null }], actorId: actor.userId, requestId: opts.requestId })));
          await this.outbox.append(m, cleared.map((c) => ({ type: 'record.updated', object: other.key, recordId: c.id, payload: { changed: [f.key], previous: { [f.key]: id } }, actorId: actor.userId, requestId: opts.requestId })));
        }
      }
    }
    if (blockers.length) throw new UserError({ status: 409, code: 'record-referenced', title: 'Other records point at this one', errors: blockers });
  }

  private async record(m: EntityManager, actor: Actor, opts: WriteOptions, entry: Omit<HistoryEntry, 'actorId' | 'requestId'>, type: string, payload: Record<string, unknown>): Promise<void> {
    await this.repo.addHistory(m, [{ ...entry, actorId: actor.userId, requestId: opts.requestId }]);
    await this.outbox.append(m, [{ type, object: entry.object, recordId: entry.recordId, payload: { version: entry.version, ...payload }, actorId: actor.userId, requestId: opts.requestId }]);
  }
}
