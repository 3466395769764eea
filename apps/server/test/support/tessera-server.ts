import type { MetadataDocument } from '@tessera/metadata';
import { ApiClient } from './api-client';
import { startTestApp, type StartTestAppOptions, type TestApp } from './test-app';
import { createTestDatabase, type TestDatabase } from './test-database';

export const ADMIN_PASSWORD = 'admin-test-password-1';

export interface TesseraServer {
  app: TestApp;
  /** Signed in as the built-in admin. */
  admin: ApiClient;
  /** Not signed in. */
  anonymous: ApiClient;
  close(): Promise<void>;
}

/**
 * The real server on a fresh database (PostgreSQL from DATABASE_URL, else PGlite),
 * with the admin signed in and, when given, metadata published.
 */
export async function startTesseraServer(metadata?: MetadataDocument[], env: Record<string, string> = {}, options: StartTestAppOptions = {}): Promise<TesseraServer> {
  const db: TestDatabase | undefined = await createTestDatabase();
  const app = await startTestApp({ ...(db && { DATABASE_URL: db.url }), ADMIN_PASSWORD, ...env }, options);
  const anonymous = new ApiClient(app.url);
  const login = await anonymous.post('/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
  if (login.status !== 200) throw new Error(`admin login failed: ${login.status} ${JSON.stringify(login.body)}`);
  const admin = anonymous.as(login.body.accessToken);
  if (metadata) {
    const res = await admin.post('/api/metadata/publish', { documents: metadata });
    if (res.status !== 200) throw new Error(`publish failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return {
    app,
    admin,
    anonymous,
    close: async () => {
      await app.close();
      await db?.drop();
    },
  };
}
