import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { LocalFolderDriver } from './local-folder.driver';
import { BlobNotFoundError, storageKeyFor } from './storage-driver';

async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

const read = async (stream: Readable) => Buffer.concat(await stream.toArray());

describe('LocalFolderDriver', () => {
  let root: string;
  let driver: LocalFolderDriver;
  const key = storageKeyFor('01900000-0000-7000-8000-000000000001', new Date('2026-03-05T00:00:00Z'));

  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'tessera-files-'));
    driver = new LocalFolderDriver(root);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('stores under <yyyy>/<mm>/<id>, computing size and SHA-256 while streaming, and reads the bytes back', async () => {
    const chunks = [Buffer.from('first part, '), Buffer.alloc(100_000, 7), Buffer.from('end')];
    const all = Buffer.concat(chunks);
    const blob = await driver.put(key, Readable.from(chunks));
    expect(blob).toEqual({ size: all.length, sha256: createHash('sha256').update(all).digest('hex') });
    expect(await allFiles(root)).toEqual([path.join('2026', '03', '01900000-0000-7000-8000-000000000001')]);
    expect(Buffer.compare(await read(await driver.get(key)), all)).toBe(0);
  });

  it('leaves nothing behind when the source fails mid-way', async () => {
    async function* failing() {
      yield Buffer.alloc(50_000, 1);
      throw new Error('client went away');
    }
    await expect(driver.put(key, Readable.from(failing()))).rejects.toThrow('client went away');
    expect(await allFiles(root)).toEqual([]);
  });

  it('leaves nothing behind when the source is already broken before the driver starts', async () => {
    const broken = new Readable({ read() {} });
    broken.on('error', () => undefined);
    broken.destroy(new Error('refused'));
    await expect(driver.put(key, broken)).rejects.toThrow();
    expect(await allFiles(root)).toEqual([]);
  });

  it('refuses keys that are not storage keys, so no path can leave the folder', async () => {
    for (const bad of ['../escape', '2026/03/../../x', '/etc/passwd', '2026/03/name.pdf']) {
      await expect(driver.put(bad, Readable.from([Buffer.from('x')]))).rejects.toThrow(RangeError);
      await expect(driver.get(bad)).rejects.toThrow(RangeError);
    }
  });

  it('reports a missing blob as BlobNotFoundError and deletes idempotently', async () => {
    await expect(driver.get(key)).rejects.toBeInstanceOf(BlobNotFoundError);
    await driver.put(key, Readable.from([Buffer.from('x')]));
    await driver.delete(key);
    await driver.delete(key);
    await expect(driver.get(key)).rejects.toBeInstanceOf(BlobNotFoundError);
  });
});
