import { Controller, Get, Module, NotFoundException } from '@nestjs/common';
import { OperationalError } from '../src/common/errors/operational.error';
import type { ProblemDetails } from '../src/common/errors/problem-details';
import { UserError } from '../src/common/errors/user.error';
import { Public } from '../src/identity/public.decorator';
import { createTestDatabase, type TestDatabase } from './support/test-database';
import { startTestApp, type TestApp } from './support/test-app';

@Public()
@Controller('test-errors')
class ThrowingController {
  @Get('user')
  user(): never {
    throw new UserError({
      code: 'validation-failed',
      title: 'The record is not valid',
      detail: '2 fields need attention',
      errors: [
        { path: '/amount', code: 'minimum', message: 'must be >= 0' },
        { path: '/name', code: 'required', message: 'is required' },
      ],
    });
  }

  @Get('not-found')
  notFound(): never {
    throw new NotFoundException('No deal 42');
  }

  @Get('operational')
  operational(): never {
    throw new OperationalError('The file store did not answer', { cause: new Error('ECONNREFUSED 10.0.0.9:9000') });
  }

  @Get('unexpected')
  unexpected(): never {
    throw new TypeError("Cannot read properties of undefined (reading 'password_hash')");
  }
}

@Module({ controllers: [ThrowingController] })
class ThrowingModule {}

async function problem(app: TestApp, path: string, init?: RequestInit) {
  const res = await fetch(`${app.url}${path}`, init);
  return { status: res.status, type: res.headers.get('content-type'), id: res.headers.get('x-request-id'), body: (await res.json()) as ProblemDetails };
}

describe('errors as application/problem+json', () => {
  let db: TestDatabase | undefined;
  let app: TestApp;
  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp({ DATABASE_URL: db?.url }, { imports: [ThrowingModule] });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('answers an unknown API route with a 404 problem', async () => {
    const res = await problem(app, '/api/no-such-thing?x=1');
    expect(res.status).toBe(404);
    expect(res.type).toMatch(/^application\/problem\+json/);
    expect(res.body).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'Cannot GET /api/no-such-thing?x=1',
      instance: '/api/no-such-thing?x=1',
      requestId: res.id,
      errors: [],
    });
  });

  it('carries every error item of a UserError, with its status and type', async () => {
    const res = await problem(app, '/api/test-errors/user', { headers: { 'x-request-id': 'trace-123' } });
    expect(res.status).toBe(422);
    expect(res.type).toMatch(/^application\/problem\+json/);
    expect(res.id).toBe('trace-123');
    expect(res.body).toEqual({
      type: 'https://tessera.dev/problems/validation-failed',
      title: 'The record is not valid',
      status: 422,
      detail: '2 fields need attention',
      instance: '/api/test-errors/user',
      requestId: 'trace-123',
      errors: [
        { path: '/amount', code: 'minimum', message: 'must be >= 0' },
        { path: '/name', code: 'required', message: 'is required' },
      ],
    });
  });

  it('keeps the message of a Nest HttpException', async () => {
    const res = await problem(app, '/api/test-errors/not-found');
    expect(res.body).toMatchObject({ status: 404, title: 'Not Found', detail: 'No deal 42' });
  });

  it('says what failed for an operational error, but not its cause', async () => {
    const res = await problem(app, '/api/test-errors/operational');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ title: 'Service Unavailable', detail: 'The file store did not answer' });
    expect(JSON.stringify(res.body)).not.toContain('10.0.0.9');
  });

  it('hides the internals of an unexpected error behind a 500 and the request id', async () => {
    const res = await problem(app, '/api/test-errors/unexpected');
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ title: 'Internal Server Error', requestId: res.id });
    expect(res.body.detail).toContain(res.id);
    expect(JSON.stringify(res.body)).not.toMatch(/password_hash|TypeError|at /);
  });

  it('answers a malformed JSON body with a 400 problem', async () => {
    const res = await problem(app, '/api/test-errors/user', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name": ',
    });
    expect(res.status).toBe(400);
    expect(res.type).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ title: 'Bad Request', instance: '/api/test-errors/user', requestId: res.id });
  });
});
