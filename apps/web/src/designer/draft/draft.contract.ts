import type { MetadataDocument } from '@tessera/metadata';

/** A problem of the draft (schema, lint or publish), located in one document. */
export interface DraftProblem {
  /** The document it is in (absent: the whole set). */
  document?: { kind: MetadataDocument['kind']; key: string };
  /** JSON Pointer inside that document, e.g. `/fields/3/key`. */
  path: string;
  message: string;
}

/**
 * What every designer screen uses to read and change the draft (`useDraft()` from
 * `draft.store.tsx`). Every change is one undoable step and is saved to
 * `PUT /api/metadata/draft`; problems come from `POST /api/metadata/draft/validate`.
 */
export interface DraftApi {
  loading: boolean;
  documents: MetadataDocument[];
  find<K extends MetadataDocument['kind']>(kind: K, key: string): Extract<MetadataDocument, { kind: K }> | undefined;
  /** Replaces (or adds) the document `kind`/`key`; an updater receives the current one. */
  update<K extends MetadataDocument['kind']>(kind: K, key: string, next: Extract<MetadataDocument, { kind: K }> | ((current: Extract<MetadataDocument, { kind: K }>) => Extract<MetadataDocument, { kind: K }>)): void;
  remove(kind: MetadataDocument['kind'], key: string): void;
  undo(): void;
  redo(): void;
  canUndo: boolean;
  canRedo: boolean;
  /** Problems of the last validation, all documents. */
  problems: DraftProblem[];
  /** Problems of one document whose pointer starts with `pointerPrefix` (default: all of it). */
  problemsAt(kind: MetadataDocument['kind'], key: string, pointerPrefix?: string): DraftProblem[];
  saving: boolean;
  /** Replaces the whole set as one undoable step. */
  replaceAll(documents: MetadataDocument[]): void;
  /**
   * The published version the draft was started from: publishing sends it, and the server
   * refuses (409 `draft-stale`) when another version was published since.
   */
  baseVersion: number | null;
  /** Starts over from a published version (after a publish, a pack import, or on request): its documents and it as the base. */
  rebase(documents: MetadataDocument[], version: number): void;
  /** Saves now (no debounce) and resolves once the saved draft has been validated. */
  flush(): Promise<void>;
  /** Why the draft could not be loaded or saved (network, permission), until the next save succeeds. */
  error?: string;
}
