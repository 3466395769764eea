import { DataSource } from 'typeorm';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { migrations, MIGRATIONS_TABLE } from '../src/database/migrations';
import { MetadataService } from '../src/metadata/metadata.service';
import { createTestDatabase, type TestDatabase } from './support/test-database';
import { startTestApp } from './support/test-app';

const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;

async function appliedMigrations(app: { app: { get(type: typeof DataSource): DataSource } }): Promise<string[]> {
  const rows: Array<{ name: string }> = await app.app.get(DataSource).query(`SELECT name FROM "${MIGRATIONS_TABLE}" ORDER BY id`);
  return rows.map((row) => row.name);
}

const documents = [{ kind: 'object', key: 'deal', label: { 'zh-CN': '商机', en: 'Deal' }, fields: [] }];

describe('restart on embedded PGlite', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tessera-restart-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('keeps data and applied migrations across a clean stop and start', async () => {
    const first = await startTestApp({ DATA_DIR: dataDir });
    const written = await first.app.get(MetadataService).appendVersion({ documents, publishedBy: 'admin', note: 'first' });
    expect(await appliedMigrations(first)).toEqual(migrations.map((m) => new m().name));
    await first.close();
    expect(existsSync(path.join(dataDir, 'pg.lock'))).toBe(false);

    const second = await startTestApp({ DATA_DIR: dataDir });
    try {
      const latest = await second.app.get(MetadataService).latest();
      expect(latest).toEqual({ ...written, publishedAt: written.publishedAt });
      expect(latest?.version).toBe(1);
      expect(await appliedMigrations(second)).toEqual(migrations.map((m) => new m().name));
      const next = await second.app.get(MetadataService).appendVersion({ documents: [] });
      expect(next.version).toBe(2);
    } finally {
      await second.close();
    }
  });

  it('refuses a second process on the same DATA_DIR while the first runs', async () => {
    const lock = path.join(dataDir, 'pg.lock');
    const { writeFile } = await import('node:fs/promises');
    // The parent of this Jest worker is alive and is not us: it stands for another server.
    await writeFile(lock, String(process.ppid));
    try {
      await expect(startTestApp({ DATA_DIR: dataDir })).rejects.toThrow(/is using this data folder/);
    } finally {
      await rm(lock, { force: true });
    }
  });
});

onPostgres('restart on PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = (await createTestDatabase())!;
  });
  afterAll(() => db?.drop());

  it('does not run applied migrations again', async () => {
    const first = await startTestApp({ DATABASE_URL: db.url });
    await first.app.get(MetadataService).appendVersion({ documents });
    await first.close();

    const second = await startTestApp({ DATABASE_URL: db.url });
    try {
      expect(await appliedMigrations(second)).toEqual(migrations.map((m) => new m().name));
      expect((await second.app.get(MetadataService).latest())?.documents).toEqual(documents);
    } finally {
      await second.close();
    }
  });
});
