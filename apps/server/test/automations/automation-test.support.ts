import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { ApiClient } from '../support/api-client';

/** The two ways jobs run: BullMQ on the Redis in REDIS_URL (when set), and in-process. */
export const JOB_MODES: Array<[string, Record<string, string>]> = [
  ['in-process', {}],
  ...(process.env.REDIS_URL ? ([['BullMQ', { REDIS_URL: process.env.REDIS_URL }]] as Array<[string, Record<string, string>]>) : []),
];

/** Short intervals so the suite stays fast; a fresh BullMQ prefix so servers never share jobs. */
export function fastJobsEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    TIMER_POLL_INTERVAL: 'PT0.2S',
    OUTBOX_POLL_INTERVAL: 'PT0.1S',
    JOB_BACKOFF: 'PT0.2S',
    JOB_ATTEMPTS: '3',
    QUEUE_PREFIX: `t-${randomBytes(5).toString('hex')}`,
    ...extra,
  };
}

/** Polls `probe` until it returns something truthy; fails after `ms` with the last value seen. */
export async function eventually<T>(probe: () => Promise<T>, ms = 20_000, what = 'condition'): Promise<NonNullable<T>> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const rows = <T = Record<string, unknown>>(db: DataSource, sql: string, values: unknown[] = []): Promise<T[]> => db.query(sql, values);

export async function created(api: ApiClient, object: string, body: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await api.post(`/api/objects/${object}/records`, body);
  if (res.status !== 201) throw new Error(`create ${object}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function patched(api: ApiClient, object: string, id: string, body: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await api.patch(`/api/objects/${object}/records/${id}`, body);
  if (res.status !== 200) throw new Error(`update ${object}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function runsOf(db: DataSource, automation: string, recordId?: string): Promise<Array<{ status: string; error: any; effects: any[]; depth: number }>> {
  return db.query(
    `SELECT "status", "error", "effects", "depth" FROM "automation_run" WHERE "automation" = $1 ${recordId ? `AND "record_id" = $2` : ''} ORDER BY "started_at"`,
    recordId ? [automation, recordId] : [automation],
  );
}
