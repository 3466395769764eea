import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook } from '../../src/automations/webhook.sign';
import { automationMetadata } from '../automations/automation-metadata';
import { created, eventually, fastJobsEnv, JOB_MODES, patched } from '../automations/automation-test.support';
import { startTesseraServer, type TesseraServer } from '../support/tessera-server';

const SECRET = 'webhook-test-secret-0123456789';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver on 127.0.0.1: /flaky answers 500 twice, then 200; /down answers 500 until `up` is set. */
async function receiver(): Promise<{ url: string; received: Received[]; setUp(up: boolean): void; close(): Promise<void> }> {
  const received: Received[] = [];
  let up = false;
  let flaky = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const ok = req.url === '/flaky' ? ++flaky > 2 : up;
      res.writeHead(ok ? 200 : 500).end(ok ? 'ok' : 'try later');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, setUp: (v) => (up = v), close: () => new Promise((r) => server.close(() => r())) };
}

describe.each(JOB_MODES)('webhooks and dead letters (%s)', (_mode, modeEnv) => {
  let server: TesseraServer;
  let hooks: Awaited<ReturnType<typeof receiver>>;

  beforeAll(async () => {
    process.env.WEBHOOK_SECRET_ERP = SECRET;
    hooks = await receiver();
    server = await startTesseraServer(
      automationMetadata([
        {
          kind: 'automation', key: 'erp_sync', object: 'lead', label: { 'zh-CN': '同步 ERP', en: 'Sync to ERP' },
          trigger: { on: 'fieldChanged', fields: ['note'], to: 'sync' },
          actions: [{ kind: 'webhook', url: `${hooks.url}/flaky`, secret: 'erp', timeout: 'PT2S', retries: 3, body: "{ 'title': title, 'code': erp_code }" }],
        },
        {
          kind: 'automation', key: 'erp_down', object: 'lead', label: { 'zh-CN': '同步 OA', en: 'Sync to OA' },
          trigger: { on: 'fieldChanged', fields: ['note'], to: 'down' },
          actions: [{ kind: 'webhook', url: `${hooks.url}/down`, secret: 'erp', timeout: 'PT2S', retries: 1 }],
        },
      ]),
      fastJobsEnv(modeEnv),
    );
  });
  afterAll(async () => {
    await server?.close();
    await hooks?.close();
  });

  it('signs the body with HMAC-SHA256 and retries after two 500s until it is delivered', async () => {
    const lead = await created(server.admin, 'lead', { title: 'ERP customer', erp_code: 'C-001' });
    await patched(server.admin, 'lead', lead.id, { note: 'sync' });
    await eventually(async () => hooks.received.filter((r) => r.path === '/flaky').length >= 3, 20_000, 'three deliveries');
    const tries = hooks.received.filter((r) => r.path === '/flaky');
    expect(tries).toHaveLength(3);
    for (const t of tries) {
      expect(JSON.parse(t.body)).toEqual({ title: 'ERP customer', code: 'C-001' });
      expect(t.headers['content-type']).toBe('application/json');
      expect(verifyWebhook(SECRET, t.body, t.headers['x-tessera-signature'] as string)).toBe(true);
      expect(verifyWebhook('another-secret', t.body, t.headers['x-tessera-signature'] as string)).toBe(false);
    }
    // Every try is the same delivery, so a receiver can drop duplicates.
    expect(new Set(tries.map((t) => t.headers['x-tessera-delivery'])).size).toBe(1);
    expect(tries.map((t) => t.headers['x-tessera-attempt'])).toEqual(['1', '2', '3']);
    await new Promise((r) => setTimeout(r, 800));
    expect(hooks.received.filter((r) => r.path === '/flaky')).toHaveLength(3);
    expect((await server.admin.get('/api/admin/jobs/dead-letters')).body.items.filter((d: any) => d.handler === 'webhook' && d.data.event.payload.url.endsWith('/flaky'))).toEqual([]);
  });

  it('puts a delivery that used up its retries on the dead-letter list, and retries it from there', async () => {
    const lead = await created(server.admin, 'lead', { title: 'OA customer' });
    await patched(server.admin, 'lead', lead.id, { note: 'down' });
    const dead = await eventually(async () => (await server.admin.get('/api/admin/jobs/dead-letters?handler=webhook')).body.items.find((d: any) => d.data.event.recordId === lead.id), 20_000, 'the dead letter');
    expect(hooks.received.filter((r) => r.path === '/down')).toHaveLength(2); // the try and one retry
    expect(dead).toMatchObject({ handler: 'webhook', attempts: 2, retriedAt: null });
    expect(dead.error).toMatch(/answered 500/);
    // Not for everyone.
    const anonymous = await server.anonymous.get('/api/admin/jobs/dead-letters');
    expect(anonymous.status).toBe(401);

    hooks.setUp(true);
    const retry = await server.admin.post(`/api/admin/jobs/dead-letters/${dead.id}/retry`);
    expect(retry.status).toBe(202);
    await eventually(async () => hooks.received.filter((r) => r.path === '/down').length === 3, 20_000, 'the retried delivery');
    const again = await server.admin.post(`/api/admin/jobs/dead-letters/${dead.id}/retry`);
    expect(again.status).toBe(409);
    expect((await server.admin.get('/api/admin/jobs/dead-letters?handler=webhook')).body.items.find((d: any) => d.id === dead.id)).toBeUndefined();
    const all = (await server.admin.get('/api/admin/jobs/dead-letters?handler=webhook&all=true')).body.items.find((d: any) => d.id === dead.id);
    expect(all.retriedAt).not.toBeNull();
    const last = hooks.received.filter((r) => r.path === '/down').at(-1)!;
    expect(verifyWebhook(SECRET, last.body, last.headers['x-tessera-signature'] as string)).toBe(true);
    expect(JSON.parse(last.body)).toMatchObject({ event: { type: 'record.updated', recordId: lead.id }, record: { title: 'OA customer', note: 'down' } });
  });
});
