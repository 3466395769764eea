import { startTestApp, type TestApp } from './support/test-app';

const withRedis = process.env.REDIS_URL ? it : it.skip;

describe('health of the queue', () => {
  const apps: TestApp[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  async function queueHealth(env: Record<string, string>) {
    const app = await startTestApp(env);
    apps.push(app);
    const res = await fetch(`${app.url}/api/health`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  withRedis('reports Redis up when REDIS_URL answers', async () => {
    const { status, body } = await queueHealth({ REDIS_URL: process.env.REDIS_URL! });
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', queue: { status: 'up', driver: 'redis' } });
  });

  it('reports Redis down, and the whole service degraded but serving, when nothing answers', async () => {
    const started = Date.now();
    const { status, body } = await queueHealth({ REDIS_URL: 'redis://127.0.0.1:1' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'degraded', database: { status: 'up' }, queue: { status: 'down', driver: 'redis' } });
    expect(Date.now() - started).toBeLessThan(15000);
  });
});
