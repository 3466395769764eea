import type { MetadataDocument } from '@tessera/metadata';
import { createContext, useCallback, useContext, useEffect, useMemo, useReducer, useRef, useState, type ReactNode } from 'react';
import { api } from '../../api/http';
import { ApiError } from '../../api/problem';
import type { DraftApi, DraftProblem } from './draft.contract';
import { dropDocument, isDocument, putDocument } from './draft.documents';
import { pushHistory, redoHistory, startHistory, undoHistory, type History } from './draft.history';
import { problemsOf, problemsWithin } from './draft.problems';

type Kind = MetadataDocument['kind'];
type Docs = MetadataDocument[];

/** Edits come in quickly (drags, clicks); one save a moment after the last keeps the server quiet. */
const SAVE_DELAY_MS = 500;

type Action = { type: 'load'; documents: Docs } | { type: 'change'; change: (docs: Docs) => Docs } | { type: 'undo' } | { type: 'redo' };

function reducer(state: History<Docs> | null, action: Action): History<Docs> | null {
  if (action.type === 'load') return startHistory(action.documents);
  if (!state) return state;
  if (action.type === 'undo') return undoHistory(state);
  if (action.type === 'redo') return redoHistory(state);
  return pushHistory(state, action.change(state.present));
}

const DraftContext = createContext<DraftApi | null>(null);

/** A key press meant for a text box (its own undo) rather than for the draft. */
const isTextTarget = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * The designer's one working copy of the metadata: loaded from `GET /api/metadata/draft`
 * (the published documents when there is no draft yet), every change one undo step,
 * saved with a debounced `PUT`, then validated; the 422's pointers become problems
 * of the documents that were saved.
 */
export function DraftProvider({ children }: { children: ReactNode }) {
  const [history, dispatch] = useReducer(reducer, null);
  const [problems, setProblems] = useState<DraftProblem[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();
  const [baseVersion, setBaseVersion] = useState<number | null>(null);
  const base = useRef<number | null>(null);
  const justLoaded = useRef(false);
  const latest = useRef<Docs>([]);
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const queue = useRef<Promise<void>>(Promise.resolve());

  /** Validates what the server holds as the draft, which is `saved`. */
  const validate = useCallback(async (saved: Docs) => {
    try {
      await api('/api/metadata/draft/validate', { method: 'POST' });
      setProblems([]);
    } catch (failure) {
      if (!(failure instanceof ApiError) || failure.status !== 422) throw failure;
      setProblems(problemsOf(failure.problem.errors ?? [{ path: '', message: failure.message }], saved));
    }
  }, []);

  const saveIfDirty = useCallback(async () => {
    if (!dirty.current) return;
    dirty.current = false;
    const documents = latest.current;
    try {
      await api('/api/metadata/draft', { method: 'PUT', body: { documents, baseVersion: base.current } });
      setError(undefined);
      await validate(documents);
    } catch (failure) {
      dirty.current = true;
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      // Still saving when another change is waiting for its pause.
      setSaving(timer.current !== undefined);
    }
  }, [validate]);

  /** Saves are queued one after the other, so the server ends with the latest set. */
  const flush = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = undefined;
    queue.current = queue.current.then(saveIfDirty);
    return queue.current;
  }, [saveIfDirty]);

  useEffect(() => {
    let cancelled = false;
    void api<{ id: string; documents: Docs; baseVersion: number | null }>('/api/metadata/draft').then((draft) => {
      if (cancelled) return;
      base.current = draft.baseVersion;
      setBaseVersion(draft.baseVersion);
      justLoaded.current = true;
      latest.current = draft.documents;
      dispatch({ type: 'load', documents: draft.documents });
      // A stored draft may hold problems already; the published set (id "current") has none.
      if (draft.id !== 'current') void validate(draft.documents).catch(() => undefined);
    }, (failure: unknown) => !cancelled && setError(failure instanceof Error ? failure.message : String(failure)));
    return () => {
      cancelled = true;
    };
  }, [validate]);

  // Every new present (edit, undo, redo) is saved after a pause; loading is not a change.
  const present = history?.present;
  useEffect(() => {
    if (!present) return;
    if (justLoaded.current) {
      justLoaded.current = false;
      return;
    }
    latest.current = present;
    dirty.current = true;
    setSaving(true);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), SAVE_DELAY_MS);
  }, [present, flush]);
  useEffect(() => () => clearTimeout(timer.current), []);

  // The last edits must not be lost when the designer is left before the pause is over.
  useEffect(() => {
    const onLeave = (event: BeforeUnloadEvent) => {
      if (dirty.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', onLeave);
    return () => {
      window.removeEventListener('beforeunload', onLeave);
      if (dirty.current) void flush();
    };
  }, [flush]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || isTextTarget(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === 'z') dispatch({ type: event.shiftKey ? 'redo' : 'undo' });
      else if (key === 'y') dispatch({ type: 'redo' });
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const value = useMemo<DraftApi>(() => {
    const documents = history?.present ?? [];
    return {
      loading: history === null,
      documents,
      find: ((kind: Kind, key: string) => documents.find((d) => isDocument(d, kind, key))) as DraftApi['find'],
      update: ((kind: Kind, key: string, next: MetadataDocument | ((current: MetadataDocument) => MetadataDocument)) =>
        dispatch({
          type: 'change',
          change: (docs) => {
            if (typeof next !== 'function') return putDocument(docs, kind, key, next);
            const current = docs.find((d) => isDocument(d, kind, key));
            if (!current) throw new Error(`No ${kind} "${key}" in the draft to update`);
            const changed = next(current);
            return changed === current ? docs : putDocument(docs, kind, key, changed);
          },
        })) as DraftApi['update'],
      remove: (kind, key) => dispatch({ type: 'change', change: (docs) => (docs.some((d) => isDocument(d, kind, key)) ? dropDocument(docs, kind, key) : docs) }),
      replaceAll: (next) => dispatch({ type: 'change', change: () => next }),
      baseVersion,
      rebase: (next, version) => {
        base.current = version;
        setBaseVersion(version);
        dispatch({ type: 'change', change: () => next });
      },
      undo: () => dispatch({ type: 'undo' }),
      redo: () => dispatch({ type: 'redo' }),
      canUndo: (history?.past.length ?? 0) > 0,
      canRedo: (history?.future.length ?? 0) > 0,
      problems,
      problemsAt: (kind, key, pointerPrefix) => problemsWithin(problems, kind, key, pointerPrefix),
      saving,
      flush,
      error,
    };
  }, [history, problems, saving, error, flush, baseVersion]);

  return <DraftContext.Provider value={value}>{children}</DraftContext.Provider>;
}

/** The draft of the surrounding `DraftProvider` (every designer screen is inside one). */
export function useDraft(): DraftApi {
  const draft = useContext(DraftContext);
  if (!draft) throw new Error('useDraft() is used outside <DraftProvider>');
  return draft;
}
