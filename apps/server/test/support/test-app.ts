import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ModuleImport } from '../../src/app.module';
import type { Environment } from '../../src/config/config.load';
import { createApp, type TesseraApp } from '../../src/create-app';

export interface TestApp {
  app: TesseraApp['app'];
  tessera: TesseraApp;
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

export interface StartTestAppOptions {
  imports?: ModuleImport[];
}

/**
 * Boots the real app on a free loopback port with exactly `env` (process.env is not
 * read), quiet logs, and a temporary DATA_DIR unless one is given (removed on close).
 * Without DATABASE_URL in `env` it runs on embedded PGlite.
 */
export async function startTestApp(env: Environment = {}, options: StartTestAppOptions = {}): Promise<TestApp> {
  const ownDataDir = env.DATA_DIR === undefined;
  const dataDir = env.DATA_DIR ?? (await mkdtemp(path.join(os.tmpdir(), 'tessera-test-')));
  const removeOwnDataDir = () => (ownDataDir ? rm(dataDir, { recursive: true, force: true }) : Promise.resolve());
  let tessera: TesseraApp;
  try {
    tessera = await createApp({
      // No pack seeding unless a test asks for it: most tests publish their own metadata.
      env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', SEED_PACKS: 'none', WEB_DIST_DIR: path.join(dataDir, 'no-web'), ...env, DATA_DIR: dataDir },
      imports: options.imports,
    });
  } catch (error) {
    await removeOwnDataDir();
    throw error;
  }
  const url = await tessera.listen();
  return {
    app: tessera.app,
    tessera,
    url,
    dataDir,
    close: async () => {
      await tessera.close();
      await removeOwnDataDir();
    },
  };
}
