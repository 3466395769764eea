import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { lockDataDir } from './data-dir.lock';

export interface EmbeddedPostgres {
  /** postgres:// URL of the loopback socket, for the ordinary `pg` driver. */
  url: string;
  /** Stops accepting connections, then flushes and closes the database. Call after the pool is closed. */
  stop(): Promise<void>;
}

/**
 * PGlite (PostgreSQL compiled to WASM) with its data in `dataDir`, reachable over the
 * PostgreSQL wire protocol on 127.0.0.1 and a free port. PGlite is single-connection,
 * so the socket server accepts one client: the pool must have size 1.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  await mkdir(path.dirname(dataDir), { recursive: true });
  const lock = await lockDataDir(`${dataDir}.lock`);
  let db: PGlite | undefined;
  let server: PGLiteSocketServer | undefined;
  try {
    db = await PGlite.create(dataDir);
    server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
    await server.start();
  } catch (error) {
    await server?.stop().catch(() => undefined);
    await db?.close().catch(() => undefined);
    await lock.release();
    throw error;
  }
  const url = `postgres://postgres@${server.getServerConn()}/postgres`;
  const running = { db, server };
  let stopping: Promise<void> | undefined;
  return {
    url,
    stop: () =>
      (stopping ??= (async () => {
        try {
          await running.server.stop();
          await running.db.close();
        } finally {
          await lock.release();
        }
      })()),
  };
}
