import type { ObjectAccessData, ObjectAction as EngineObjectAction } from '@tessera/engine';

export type ObjectAction = EngineObjectAction;

/**
 * What one actor may do with one object: the engine's resolveObjectAccess result
 * (actions, read/write row filters, rows per action, hidden and read-only fields).
 * Every record query carries `read` or a write filter as its row scope.
 */
export type ObjectAccess = ObjectAccessData;
