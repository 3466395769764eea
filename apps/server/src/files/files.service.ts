import { Inject, Injectable } from '@nestjs/common';
import type { AttachmentField } from '@tessera/metadata';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { OperationalError } from '../common/errors/operational.error';
import { uuidv7 } from '../common/uuid7';
import type { Actor } from '../identity/actor';
import { OutboxService } from '../outbox/outbox.service';
import { attachmentLimits } from './attachment-limits';
import { FileAccessService } from './file-access.service';
import type { FileAttachmentEntity } from './file-attachment.entity';
import { FileAttachmentRepository } from './file-attachment.repository';
import { toFileAttachment, type FileAttachment } from './file-attachment';
import { fieldForbidden, fileNotFound, tooManyFiles, uploadRefused } from './file-errors';
import { receiveUpload, type ReceivedUpload } from './multipart-upload.receive';
import { BlobNotFoundError, STORAGE_DRIVER, storageKeyFor, type StorageDriver } from './storage/storage-driver';

/** Category key under which `countByCategory` reports files of fields that declare no categories. */
export const UNCATEGORIZED = '_none';

export interface FileListFilter {
  field?: string;
  category?: string;
}

/**
 * Attachments of records: upload (limits checked while streaming), list, metadata,
 * download, soft delete. Bytes go through the storage driver, rows and outbox
 * events through one transaction. Attachments do not write record history (that
 * table belongs to the records module): each change is an outbox event,
 * `file.attached` or `file.removed`, which the timeline and automations read.
 */
@Injectable()
export class FilesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly files: FileAttachmentRepository,
    private readonly permissions: FileAccessService,
    private readonly outbox: OutboxService,
    @Inject(STORAGE_DRIVER) private readonly storage: StorageDriver,
  ) {}

  /**
   * Checks, in order: object and field (404/422), update right on the record
   * (403/404), field access (403); then, while reading the body, category (422),
   * count (422), each file's size (413) and type (415). Stores everything or nothing.
   */
  async upload(actor: Actor, object: string, recordId: string, fieldKey: string, req: IncomingMessage, requestId: string): Promise<FileAttachment[]> {
    const field = await this.permissions.attachmentField(object, fieldKey);
    await this.permissions.requireWritable(actor, object, recordId, field);
    const limits = attachmentLimits(field);
    const existing = await this.files.countLive(object, recordId, field.key);
    const now = new Date();
    const upload = await receiveUpload(req, {
      driver: this.storage,
      limits,
      existing,
      checkCategory: (category) => checkCategory(field, category),
      newFile: () => {
        const id = uuidv7();
        return { id, key: storageKeyFor(id, now) };
      },
    });
    try {
      return await this.saveUpload(actor, object, recordId, field, upload, requestId);
    } catch (error) {
      await Promise.allSettled(upload.files.map((f) => this.storage.delete(f.key)));
      throw error;
    }
  }

  /** Live files of a record the caller can read, in fields they can see; optionally one field or category. */
  async list(actor: Actor, object: string, recordId: string, filter: FileListFilter = {}): Promise<FileAttachment[]> {
    const field = filter.field !== undefined ? await this.permissions.attachmentField(object, filter.field) : undefined;
    const access = await this.permissions.requireReadableRecord(actor, object, recordId);
    if (field && access.hidden.has(field.key)) throw fieldForbidden(field.key, 'hidden');
    const fields = field ? [field.key] : await this.visibleAttachmentFields(object, access.hidden);
    const rows = await this.files.listLive(object, recordId, { fields, category: filter.category });
    return rows.map(toFileAttachment);
  }

  async get(actor: Actor, fileId: string): Promise<FileAttachment> {
    return toFileAttachment(await this.readable(actor, fileId));
  }

  /** The file and its bytes; the caller closes the stream (piping it does). */
  async open(actor: Actor, fileId: string): Promise<{ file: FileAttachment; content: () => Promise<Readable> }> {
    const row = await this.readable(actor, fileId);
    return {
      file: toFileAttachment(row),
      content: () =>
        this.storage.get(row.storageKey).catch((error) => {
          if (error instanceof BlobNotFoundError) throw new OperationalError(`The content of file ${row.id} is missing from storage`, { cause: error, status: 500 });
          throw error;
        }),
    };
  }

  /** Soft delete: the row is marked, the bytes stay (history, restore); event `file.removed`. */
  async remove(actor: Actor, fileId: string, requestId: string): Promise<void> {
    const row = await this.files.findLive(fileId);
    if (!row) throw fileNotFound(fileId);
    await this.permissions.requireReadableFile(actor, row);
    const field = await this.permissions.attachmentField(row.object, row.field);
    await this.permissions.requireWritable(actor, row.object, row.recordId, field);
    await this.dataSource.transaction(async (m) => {
      if (!(await this.files.softDelete(m, row.id, actor.userId))) throw fileNotFound(fileId);
      await this.outbox.append(m, [
        { type: 'file.removed', object: row.object, recordId: row.recordId, payload: eventPayload(row), actorId: actor.userId, requestId },
      ]);
    });
  }

  /**
   * Live files of a record per attachment field and category, for stage gates
   * ("at least N files of category X"). Files of a field without categories are
   * counted under UNCATEGORIZED. No permission check: callers are platform rules.
   */
  async countByCategory(object: string, recordId: string): Promise<Record<string, Record<string, number>>> {
    const counts: Record<string, Record<string, number>> = {};
    for (const { field, category, n } of await this.files.countByCategory(object, recordId)) {
      (counts[field] ??= {})[category ?? UNCATEGORIZED] = Number(n);
    }
    return counts;
  }

  private async saveUpload(actor: Actor, object: string, recordId: string, field: AttachmentField, upload: ReceivedUpload, requestId: string): Promise<FileAttachment[]> {
    const limits = attachmentLimits(field);
    const uploadedAt = new Date();
    const rows: FileAttachmentEntity[] = upload.files.map((f) => ({
      id: f.id,
      object,
      recordId,
      field: field.key,
      category: upload.category?.trim() || null,
      fileName: f.fileName,
      mimeType: f.mimeType,
      size: f.size,
      sha256: f.sha256,
      storageKey: f.key,
      uploadedBy: actor.userId,
      uploadedAt,
      deletedAt: null,
      deletedBy: null,
      note: upload.note?.trim() || null,
    }));
    await this.dataSource.transaction(async (m) => {
      // The count was checked before streaming; checked again under a lock for concurrent uploads.
      await this.files.lockField(m, object, recordId, field.key);
      const live = await this.files.countLive(object, recordId, field.key, m);
      if (live + rows.length > limits.maxFiles) {
        throw tooManyFiles(field.key, limits.maxFiles, live);
      }
      await this.files.insert(m, rows);
      await this.outbox.append(
        m,
        rows.map((r) => ({ type: 'file.attached', object, recordId, payload: eventPayload(r), actorId: actor.userId, requestId })),
      );
    });
    return rows.map(toFileAttachment);
  }

  private async readable(actor: Actor, fileId: string): Promise<FileAttachmentEntity> {
    const row = await this.files.findLive(fileId);
    if (!row) throw fileNotFound(fileId);
    await this.permissions.requireReadableFile(actor, row);
    return row;
  }

  private async visibleAttachmentFields(object: string, hidden: ReadonlySet<string>): Promise<string[]> {
    return (await this.permissions.attachmentFieldKeys(object)).filter((k) => !hidden.has(k));
  }
}

/** The category rule of a field: required and declared when it has categories, absent otherwise. */
function checkCategory(field: AttachmentField, category: string | undefined): Error | undefined {
  const declared = (field.categories ?? []).map((c) => c.key);
  const given = category?.trim() || undefined;
  if (declared.length === 0) {
    if (given === undefined) return undefined;
    return uploadRefused(`${field.key} has no categories`, [{ path: '/category', code: 'category.not_allowed', message: `${field.key} does not take a category` }]);
  }
  if (given === undefined) {
    return uploadRefused(`Choose a category for ${field.key}`, [{ path: '/category', code: 'category.required', message: `one of ${declared.join(', ')}` }]);
  }
  if (!declared.includes(given)) {
    return uploadRefused(`${given} is not a category of ${field.key}`, [{ path: '/category', code: 'category.unknown', message: `one of ${declared.join(', ')}` }]);
  }
  return undefined;
}

function eventPayload(row: FileAttachmentEntity): Record<string, unknown> {
  return { fileId: row.id, field: row.field, category: row.category, fileName: row.fileName, mimeType: row.mimeType, size: row.size, sha256: row.sha256 };
}
