import type { ObjectAction as EngineObjectAction, RowFilter } from '@tessera/engine';

export type ObjectAction = EngineObjectAction;

/**
 * What one actor may do with one object (see resolveObjectAccess in libs/engine).
 * Every record query carries `read` or `write` as its row scope.
 */
export interface ObjectAccess {
  object: string;
  actions: ReadonlySet<ObjectAction>;
  /** Rows readable: lists, single reads, search, history, attachments. */
  read: RowFilter;
  /** Rows changeable by some write action (update, delete, moveStage, reassign). */
  write: RowFilter;
  /** Rows per row-bound action (read, export, update, delete, moveStage, reassign); exact where `write` is a union. */
  byAction: Readonly<Partial<Record<ObjectAction, RowFilter>>>;
  /** Never in a response, never writable. */
  hidden: ReadonlySet<string>;
  /** Shown, but a write is 403 with the field's pointer. */
  readOnly: ReadonlySet<string>;
}

