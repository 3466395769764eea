import { Injectable } from '@nestjs/common';
import type { AttachmentField } from '@tessera/metadata';
import { NO_ROWS, rowMatches } from '@tessera/engine';
import { UserError } from '../common/errors/user.error';
import type { Actor } from '../identity/actor';
import { AccessService } from '../identity/access.service';
import type { ObjectAccess } from '../identity/object-access';
import { MetadataRuntime } from '../metadata/metadata-runtime.service';
import { RecordReadService } from '../records/record-read.service';
import { fieldForbidden, fieldNotFound, fileNotFound, notAttachmentField, objectNotFound } from './file-errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id from a URL: a UUID (lower-cased) or a 404 built by `notFound`. */
export function uuidOr404(id: string, notFound: () => UserError): string {
  if (!UUID.test(id)) throw notFound();
  return id.toLowerCase();
}

/**
 * The permission rules of attachments, which are those of the record they belong to:
 * reading a file needs the record readable and the field not hidden; adding or
 * removing one needs the update right on that record and the field writable.
 * Records are proved visible through the records module (its row scope), never by
 * querying its tables.
 */
@Injectable()
export class FileAccessService {
  constructor(
    private readonly runtime: MetadataRuntime,
    private readonly access: AccessService,
    private readonly records: RecordReadService,
  ) {}

  /** The attachment field `object.field` of the published metadata; 404 unknown, 422 not an attachment field. */
  async attachmentField(object: string, field: string): Promise<AttachmentField> {
    const compiled = (await this.runtime.get()).compiledObject(object);
    if (!compiled) throw objectNotFound(object);
    const f = compiled.fields.get(field);
    if (!f) throw fieldNotFound(object, field);
    if (f.type !== 'attachment') throw notAttachmentField(object, field, f.type);
    return f;
  }

  /** Keys of the live attachment fields of an object. */
  async attachmentFieldKeys(object: string): Promise<string[]> {
    const compiled = (await this.runtime.get()).compiledObject(object);
    if (!compiled) throw objectNotFound(object);
    return [...compiled.fields.values()].filter((f) => f.type === 'attachment').map((f) => f.key);
  }

  /**
   * The caller may change files of `field` on the record: update right (403), the
   * record visible (404) and inside the rows they may update (403), the field
   * neither hidden nor read-only for them (403).
   */
  async requireWritable(actor: Actor, object: string, recordId: string, field: AttachmentField): Promise<ObjectAccess> {
    const access = await this.access.require(actor, object, 'update');
    const record = await this.records.get(actor, object, recordId);
    if (!rowMatches(access.byAction.update ?? NO_ROWS, record)) {
      throw new UserError({ status: 403, code: 'record-forbidden', title: 'You may not change this record', detail: `${object} ${recordId} is outside the rows you may change` });
    }
    if (access.hidden.has(field.key)) throw fieldForbidden(field.key, 'hidden');
    if (access.readOnly.has(field.key) || field.readOnly) throw fieldForbidden(field.key, 'read_only');
    return access;
  }

  /** The caller may read the record (404 otherwise); returns the access to filter fields with. */
  async requireReadableRecord(actor: Actor, object: string, recordId: string): Promise<ObjectAccess> {
    const access = await this.access.require(actor, object, 'read');
    await this.records.get(actor, object, recordId);
    return access;
  }

  /**
   * For a file reached by its id: the record readable and the field visible. A file of
   * a record the caller cannot read answers 404 as if it did not exist; a file of a
   * field hidden from a caller who can read the record answers 403.
   */
  async requireReadableFile(actor: Actor, file: { id: string; object: string; recordId: string; field: string }): Promise<ObjectAccess> {
    const access = await this.access.objectAccess(actor, file.object);
    if (!access.actions.has('read')) throw fileNotFound(file.id);
    try {
      await this.records.get(actor, file.object, file.recordId);
    } catch (error) {
      if (error instanceof UserError && error.status === 404) throw fileNotFound(file.id);
      throw error;
    }
    if (access.hidden.has(file.field)) throw fieldForbidden(file.field, 'hidden');
    return access;
  }
}
