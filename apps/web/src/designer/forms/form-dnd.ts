import type { FormItem } from '@tessera/metadata';
import type { ItemAt } from './form-layout.ops';

/** react-dnd types of the form canvas. */
export const PALETTE_FIELD = 'form-palette-field';
export const FORM_ITEM = 'form-item';
export const PALETTE_BLOCK = 'form-palette-block';

/** A field or a block (note, related list) dragged from the palette as a new item, or an item of the canvas being moved. */
export type FormDragItem = { type: typeof PALETTE_FIELD; field: string } | { type: typeof PALETTE_BLOCK; item: FormItem } | { type: typeof FORM_ITEM; from: ItemAt };

export const ACCEPTS = [PALETTE_FIELD, PALETTE_BLOCK, FORM_ITEM];
