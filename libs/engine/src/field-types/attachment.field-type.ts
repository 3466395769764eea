import type { AttachmentField } from '@tessera/metadata';
import { type FieldTypeDef } from './field-type';

/** Files are uploaded separately and live in the files table; the record row has no column. */
export const attachmentFieldType: FieldTypeDef<AttachmentField> = {
  type: 'attachment',
  valueSchema: () => undefined,
  column: () => undefined,
  operators: [],
  computed: true,
};
