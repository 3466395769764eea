import { DataSource } from 'typeorm';
import { toJobEvent } from '../../src/jobs/job';
import { JOB_QUEUE, type JobQueue } from '../../src/jobs/job-queue';
import type { OutboxEvent } from '../../src/outbox/outbox-event';
import { automationMetadata } from '../automations/automation-metadata';
import { created, eventually, fastJobsEnv, JOB_MODES } from '../automations/automation-test.support';
import { startTesseraServer, type TesseraServer } from '../support/tessera-server';

describe.each(JOB_MODES)('idempotent handlers (%s)', (_mode, modeEnv) => {
  let server: TesseraServer;
  let db: DataSource;

  beforeAll(async () => {
    server = await startTesseraServer(automationMetadata(), fastJobsEnv(modeEnv));
    db = server.app.app.get(DataSource);
  });
  afterAll(() => server?.close());

  it('applies the effect of an event once when its job is delivered again', async () => {
    const lead = await created(server.admin, 'lead', { title: 'Twice', source: 'expo' });
    const tasks = async () => Number((await db.query(`SELECT count(*) AS n FROM "data"."task" WHERE "lead" = $1`, [lead.id]))[0].n);
    await eventually(async () => (await tasks()) === 1, 20_000, 'the first run');
    const [row] = await db.query(`SELECT * FROM "outbox_event" WHERE "record_id" = $1 AND "type" = 'record.created'`, [lead.id]);
    const event: OutboxEvent = { id: row.id, type: row.type, object: row.object, recordId: row.record_id, payload: row.payload, actorId: row.actor_id, requestId: row.request_id, createdAt: row.created_at, dispatchedAt: row.dispatched_at };
    // The same event under another job id: the queue cannot tell, the handler's mark must.
    const queue = server.app.app.get<JobQueue>(JOB_QUEUE);
    await queue.enqueue(undefined, [{ jobId: `automations.${event.id}.again`, handler: 'automations', data: { key: event.id, event: toJobEvent(event) }, attempts: 1, backoffMs: 100 }]);
    await eventually(async () => Number((await db.query(`SELECT count(*) AS n FROM "job" WHERE "job_id" = $1`, [`automations.${event.id}.again`]))[0].n) === 0 || modeEnv.REDIS_URL !== undefined, 10_000, 'the redelivery');
    await new Promise((r) => setTimeout(r, 1000));
    expect(await tasks()).toBe(1);
    expect(await db.query(`SELECT 1 FROM "automation_run" WHERE "automation" = 'follow_up' AND "record_id" = $1 AND "status" = 'succeeded'`, [lead.id])).toHaveLength(1);
    expect(await db.query(`SELECT 1 FROM "job_dead_letter"`)).toHaveLength(0);
  });
});
