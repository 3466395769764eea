import { Client } from 'pg';
import { randomBytes } from 'node:crypto';

export interface TestDatabase {
  /** URL of a fresh, empty database, for DATABASE_URL. */
  url: string;
  /** Drops the database (disconnecting whoever is still on it). */
  drop(): Promise<void>;
}

/**
 * A fresh database on the PostgreSQL server named in DATABASE_URL, so tests never see
 * each other's rows. Without DATABASE_URL: undefined, and the app under test falls back to
 * embedded PGlite in its own temporary DATA_DIR.
 */
export async function createTestDatabase(serverUrl = process.env.DATABASE_URL): Promise<TestDatabase | undefined> {
  if (!serverUrl) return undefined;
  const name = `tessera_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
