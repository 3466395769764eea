import type { ErrorItem } from '../common/errors/error-item';

export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 200;

/** Filters of GET /api/admin/audit, checked. */
export interface AuditQuery {
  /** Exact actions, or prefixes written `auth.*`. */
  actions?: string[];
  actorId?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
  limit: number;
  /** Rows with a smaller id (older) than this one: the position of the cursor. */
  before?: string;
}

export type RawAuditQuery = Partial<Record<'action' | 'actorId' | 'targetType' | 'targetId' | 'from' | 'to' | 'limit' | 'cursor', unknown>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACTION = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*(\.\*)?$/;

export function encodeAuditCursor(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}

/** Reads the query string; errors point at the parameter (`/limit`). */
export function parseAuditQuery(raw: RawAuditQuery): { query: AuditQuery; errors: ErrorItem[] } {
  const errors: ErrorItem[] = [];
  const text = (name: keyof RawAuditQuery): string | undefined => {
    const v = raw[name];
    if (v === undefined || v === '') return undefined;
    if (typeof v !== 'string') {
      errors.push({ path: `/${name}`, code: 'query.invalid', message: `${name} must be given once` });
      return undefined;
    }
    return v;
  };
  const query: AuditQuery = { limit: AUDIT_PAGE_DEFAULT };

  const action = text('action');
  if (action !== undefined) {
    query.actions = action.split(',').map((a) => a.trim());
    if (!query.actions.every((a) => ACTION.test(a))) errors.push({ path: '/action', code: 'query.invalid', message: 'action takes names like auth.login or prefixes like auth.*, comma separated' });
  }
  const actorId = text('actorId');
  if (actorId !== undefined) {
    if (UUID.test(actorId)) query.actorId = actorId;
    else errors.push({ path: '/actorId', code: 'query.invalid', message: 'actorId must be a UUID' });
  }
  query.targetType = text('targetType');
  query.targetId = text('targetId');
  for (const name of ['from', 'to'] as const) {
    const v = text(name);
    if (v === undefined) continue;
    const at = new Date(v);
    if (/^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(at.getTime())) query[name] = at;
    else errors.push({ path: `/${name}`, code: 'query.invalid', message: `${name} must be an ISO 8601 date or time` });
  }
  const limit = text('limit');
  if (limit !== undefined) {
    const n = Number(limit);
    if (/^\d+$/.test(limit) && n >= 1 && n <= AUDIT_PAGE_MAX) query.limit = n;
    else errors.push({ path: '/limit', code: 'query.invalid', message: `limit must be an integer from 1 to ${AUDIT_PAGE_MAX}` });
  }
  const cursor = text('cursor');
  if (cursor !== undefined) {
    const id = Buffer.from(cursor, 'base64url').toString('utf8');
    if (UUID.test(id)) query.before = id;
    else errors.push({ path: '/cursor', code: 'query.invalid', message: 'cursor is not one this API returned' });
  }
  return { query, errors };
}
