import type { Label } from '@tessera/metadata';

/** What to tell people; the same message goes to every recipient. */
export interface NotificationMessage {
  title: Label;
  body?: Label | null;
  /** The record it is about, for the link in the UI. */
  link?: { object: string; recordId: string };
  /** What caused it, e.g. `stage.timeout` (filters, analytics). */
  source?: string;
  /** The same key for the same recipient notifies once (idempotent causes). */
  dedupeKey?: string;
}

/** A notification as its recipient reads it, in their language. */
export interface NotificationView {
  id: string;
  title: string;
  body: string | null;
  link: { object: string; recordId: string; href: string } | null;
  source: string | null;
  createdAt: string;
  readAt: string | null;
}
