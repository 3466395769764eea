import type { FieldType } from './field.schema';

/** Drag item kinds of the object designer. */
export const PALETTE_ITEM = 'designer.object.paletteType';
export const FIELD_ROW = 'designer.object.fieldRow';

export type PaletteDrag = { fieldType: FieldType };
export type RowDrag = { index: number; key: string };
