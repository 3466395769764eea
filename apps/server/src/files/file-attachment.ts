import type { FileAttachmentEntity } from './file-attachment.entity';

/** A file as the API shows it. */
export interface FileAttachment {
  id: string;
  object: string;
  recordId: string;
  field: string;
  category: string | null;
  fileName: string;
  mimeType: string;
  size: number;
  /** Lower-case hex SHA-256 of the content; also the download's ETag. */
  sha256: string;
  note: string | null;
  uploadedBy: string | null;
  uploadedAt: Date;
  /** Where the content is downloaded. */
  href: string;
}

export function toFileAttachment(row: FileAttachmentEntity): FileAttachment {
  return {
    id: row.id,
    object: row.object,
    recordId: row.recordId,
    field: row.field,
    category: row.category,
    fileName: row.fileName,
    mimeType: row.mimeType,
    size: row.size,
    sha256: row.sha256,
    note: row.note,
    uploadedBy: row.uploadedBy,
    uploadedAt: row.uploadedAt,
    href: `/api/files/${row.id}/content`,
  };
}
