import { open, readFile, rm } from 'node:fs/promises';

export interface DataDirLock {
  release(): Promise<void>;
}

/**
 * PGlite has no postmaster to refuse a second process on the same files, and two
 * writers would corrupt them. A pid file does that job; a stale one (its process is
 * gone) is taken over.
 */
export async function lockDataDir(lockFile: string): Promise<DataDirLock> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockFile, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return { release: () => rm(lockFile, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) {
        throw new Error(
          `${lockFile} says process ${owner} is using this data folder; stop it or choose another DATA_DIR`,
        );
      }
      await rm(lockFile, { force: true });
    }
  }
  throw new Error(`could not lock ${lockFile}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
