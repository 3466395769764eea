import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CliIo } from '../src/cli-io';
import { run } from '../src/program';

export const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** What a shell would see of one run: exit code, stdout, stderr. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs `tessera ...args` in-process through run(argv, io). */
export async function tessera(...args: string[]): Promise<CliRun> {
  const seen = { code: -1, out: '', err: '' };
  const io: CliIo = { out: (t) => (seen.out += t), err: (t) => (seen.err += t), setExitCode: (c) => (seen.code = c) };
  const returned = await run(args, io);
  expect(returned).toBe(seen.code);
  return seen;
}

/** A fresh temporary folder per test, with a helper to write JSON (or raw text) files into it. */
export function tempFolder(prefix: string) {
  const state = { dir: '' };
  beforeEach(() => {
    state.dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(() => rmSync(state.dir, { recursive: true, force: true }));
  const write = (files: Record<string, unknown>, root = state.dir) => {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    }
  };
  return { get dir() { return state.dir; }, write };
}
