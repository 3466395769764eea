import { Body, Controller, Param, Put, Req, Res } from '@nestjs/common';
import type { Field } from '@tessera/metadata';
import type { Request, Response } from 'express';
import { UserError } from '../common/errors/user.error';
import { requestIdOf } from '../common/request-id';
import type { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/current-actor.decorator';
import { MetadataRuntime } from '../metadata/metadata-runtime.service';
import { RecordReadService } from '../records/record-read.service';
import type { RecordData } from '../records/record-row.convert';
import { RecordWriteService } from '../records/record-write.service';

const NUMERIC = new Set(['number', 'currency', 'percent']);

/** The key as the field holds it: numbers as numbers, money and text as given. */
function keyValue(field: Field, raw: string): unknown {
  if (field.type === 'number' || field.type === 'percent') {
    const n = Number(raw);
    return Number.isFinite(n) ? n : raw;
  }
  return raw;
}

const invalid = (path: string, code: string, message: string) => new UserError({ status: 422, code: 'upsert-invalid', title: 'The record cannot be upserted by this key', errors: [{ path, code, message }] });

/**
 * Inbound sync (a nightly ERP job pushing customer codes and payment status):
 * `PUT /api/objects/:object/records/by/:field/:value` creates the record with that
 * external key, or updates the one that has it. The field must be unique (or the only
 * field of a duplicate rule), so the key names at most one record. Writes go through
 * the ordinary record paths (permissions, validation, history, outbox); a PUT that
 * changes nothing writes nothing.
 */
@Controller('objects/:object/records/by')
export class RecordsUpsertController {
  constructor(
    private readonly runtime: MetadataRuntime,
    private readonly reads: RecordReadService,
    private readonly writes: RecordWriteService,
  ) {}

  @Put(':field/:value')
  async upsert(
    @CurrentActor() actor: Actor,
    @Param('object') object: string,
    @Param('field') fieldKey: string,
    @Param('value') raw: string,
    @Body() body: RecordData,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RecordData> {
    const compiled = (await this.runtime.get()).compiledObject(object);
    if (!compiled) throw new UserError({ status: 404, code: 'object-not-found', title: 'Object not found', detail: `No published object "${object}"` });
    const field = compiled.fields.get(fieldKey);
    if (!field) throw invalid('/field', 'field.unknown', `${object} has no field ${fieldKey}`);
    const keyed = field.unique === true || compiled.duplicateRules.some((r) => r.fields.length === 1 && r.fields[0] === fieldKey);
    if (!keyed) throw invalid('/field', 'field.not-unique', `${fieldKey} is neither unique nor the field of a duplicate rule, so it does not name one record`);
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new UserError({ status: 400, code: 'body-invalid', title: 'The body must be a JSON object', errors: [{ path: '', code: 'type', message: 'expected an object' }] });
    const value = keyValue(field, raw);
    if (fieldKey in body && !NUMERIC.has(field.type) && body[fieldKey] !== value) throw invalid(`/${fieldKey}`, 'key.mismatch', `the body's ${fieldKey} differs from the key in the path`);
    const opts = { requestId: requestIdOf(req) };
    for (let attempt = 0; ; attempt++) {
      const ids = await this.reads.idsByValue(object, fieldKey, value);
      if (ids.length > 1) throw new UserError({ status: 409, code: 'upsert-ambiguous', title: 'Several records hold this key', detail: `${ids.length} ${object} records have ${fieldKey} = ${raw}` });
      try {
        const { [fieldKey]: _key, ...changes } = body;
        const record = ids.length === 1 ? await this.writes.update(actor, object, ids[0], changes, opts) : await this.writes.create(actor, object, { ...body, [fieldKey]: value }, opts);
        res.status(ids.length === 1 ? 200 : 201).setHeader('ETag', `"${record.version}"`).setHeader('Location', `/api/objects/${object}/records/${record.id}`);
        return record;
      } catch (error) {
        // Two pushes of a new key at once: the loser finds the winner's record on the next look.
        if (attempt === 0 && ids.length === 0 && error instanceof UserError && error.status === 409) continue;
        throw error;
      }
    }
  }
}
