/** What an event was about: a user, an org unit, an API key, a record (`deal`), ... */
export interface AuditTarget {
  type: string;
  id?: string | null;
}

/**
 * A security event as callers hand it in. Actions are dotted, subject first
 * (`auth.login`, `user.roles_changed`, `record.transferred`, `records.exported`).
 */
export interface AuditEvent {
  action: string;
  /** Who did it; defaults to the signed-in actor of the current request. Null: nobody signed in. */
  actorId?: string | null;
  /** Shown next to the id (the username), defaulting like actorId. */
  actorName?: string | null;
  target?: AuditTarget | null;
  details?: Record<string, unknown>;
}

/** A stored event as the audit API returns it. */
export interface AuditEntry {
  id: string;
  at: string;
  action: string;
  actorId: string | null;
  actorName: string | null;
  target: AuditTarget | null;
  details: Record<string, unknown>;
  ip: string | null;
  requestId: string | null;
}
