import commonSchema from '@tessera/schemas/common.schema.json';
import { SYSTEM_FIELD_KEYS } from '@tessera/metadata';

/** The key pattern of the metadata contract (keys become SQL identifiers). */
export const KEY_PATTERN = new RegExp(commonSchema.$defs.key.pattern);

export type KeyProblem = 'empty' | 'pattern' | 'reserved' | 'taken';

/**
 * Why a key cannot be used, or undefined when it can: checked as the admin types,
 * before anything is saved. `taken` lists the keys already used next to it.
 */
export function keyProblem(key: string, taken: readonly string[], options: { field?: boolean } = {}): KeyProblem | undefined {
  if (key === '') return 'empty';
  if (!KEY_PATTERN.test(key)) return 'pattern';
  if (options.field && SYSTEM_FIELD_KEYS.includes(key)) return 'reserved';
  if (taken.includes(key)) return 'taken';
  return undefined;
}

/** `base`, or `base_2`, `base_3`… whichever is free. */
export function freeKey(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) if (!taken.includes(`${base}_${n}`)) return `${base}_${n}`;
}
