import type { CompareCondition, RelatedCondition } from '@tessera/metadata';

/**
 * Outcome of the latest instance of an approval flow on a record. `approved` is the
 * only outcome that meets an approval condition; the others exist so the UI can say why.
 */
export type ApprovalOutcome = 'approved' | 'rejected' | 'pending' | 'cancelled' | 'recalled';

/** One checklist item of a record: done or not, by whom and when (ISO time). */
export interface ChecklistItemState {
  done: boolean;
  by?: string | null;
  at?: string | null;
}

/**
 * What a gate knows about a record beyond its own fields. The engine does no I/O: the
 * server gathers these (only the parts a gate needs, see FactNeeds) and passes them in.
 *
 * - `attachments`: live files of the record by attachment field key, then by category
 *   key: `{ survey_files: { requirement_survey: 2 } }`. Files without a category are
 *   not counted. An attachment condition without `field` adds up every field.
 * - `approvals`: flow key -> outcome of the latest instance of that flow on the
 *   record. Absent = never started.
 * - `checklist`: item key -> state. Absent = not done.
 * - `related`: relatedFactKey(condition) -> number of live records of the condition's
 *   object whose relation `via` points at this record and that match its `where`.
 *
 * Expression conditions see the same object as `$facts`.
 */
export interface GateFacts {
  attachments: Readonly<Record<string, Readonly<Record<string, number>>>>;
  approvals: Readonly<Record<string, ApprovalOutcome | string>>;
  checklist: Readonly<Record<string, ChecklistItemState>>;
  related: Readonly<Record<string, number>>;
}

export const EMPTY_FACTS: GateFacts = Object.freeze({ attachments: {}, approvals: {}, checklist: {}, related: {} });

/** Which facts a set of conditions reads, so the server gathers nothing more. */
export interface FactNeeds {
  attachments: boolean;
  approvals: boolean;
  checklist: boolean;
  /** One entry per distinct relatedFactKey. */
  related: RelatedFact[];
}

/** A count of related records the server must compute for a gate. */
export interface RelatedFact {
  key: string;
  object: string;
  via: string;
  where: CompareCondition[];
}

export const NO_NEEDS: FactNeeds = Object.freeze({ attachments: false, approvals: false, checklist: false, related: [] });

/** Every fact: what an expression condition may look at. */
export const ALL_NEEDS: FactNeeds = Object.freeze({ attachments: true, approvals: true, checklist: true, related: [] });

/**
 * The key of a related count in GateFacts.related: `object.via`, plus the filter when
 * there is one, so two conditions over the same relation with different filters
 * get separate counts and identical ones share a count.
 */
export function relatedFactKey(c: Pick<RelatedCondition, 'object' | 'via' | 'where'>): string {
  const base = `${c.object}.${c.via}`;
  if (!c.where?.length) return base;
  return `${base}?${JSON.stringify(c.where.map((w) => [w.field, w.op, w.value ?? null]))}`;
}

export function mergeNeeds(list: readonly FactNeeds[]): FactNeeds {
  const related = new Map<string, RelatedFact>();
  let attachments = false;
  let approvals = false;
  let checklist = false;
  for (const n of list) {
    attachments ||= n.attachments;
    approvals ||= n.approvals;
    checklist ||= n.checklist;
    for (const r of n.related) related.set(r.key, r);
  }
  return { attachments, approvals, checklist, related: [...related.values()] };
}
