import type { ItemAt } from './form-layout.ops';

/** react-dnd types of the form canvas. */
export const PALETTE_FIELD = 'form-palette-field';
export const FORM_ITEM = 'form-item';

/** A field dragged from the palette (a new item) or an item of the canvas being moved. */
export type FormDragItem = { type: typeof PALETTE_FIELD; field: string } | { type: typeof FORM_ITEM; from: ItemAt };

export const ACCEPTS = [PALETTE_FIELD, FORM_ITEM];
