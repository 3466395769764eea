/**
 * Automations that write records cause events that run automations again. The chain of
 * automations behind a write travels in the request id of the events it causes
 * (`automation:<depth>:<a>>b>...:<root request id>`), so a runaway loop is stopped at a
 * depth limit with the chain in the error, and logs still lead back to the request that
 * started it.
 */
export interface AutomationChain {
  /** Automation keys, oldest first. */
  keys: string[];
  /** The request id of the user's request (or timer) at the root, if any. */
  root: string | null;
}

export const MAX_AUTOMATION_DEPTH = 5;

const CHAIN = /^automation:(\d+):([a-z0-9_>]*):(.*)$/s;

export function parseChain(requestId: string | null | undefined): AutomationChain {
  const m = requestId ? CHAIN.exec(requestId) : null;
  if (!m) return { keys: [], root: requestId ?? null };
  return { keys: m[2] ? m[2].split('>') : [], root: m[3] || null };
}

/** The request id the writes of `key`'s run carry. */
export function extendChain(chain: AutomationChain, key: string): string {
  const keys = [...chain.keys, key];
  return `automation:${keys.length}:${keys.join('>')}:${chain.root ?? ''}`;
}

/** An error message when running `key` after `chain` would pass the limit; undefined when it may run. */
export function chainTooDeep(chain: AutomationChain, key: string, limit = MAX_AUTOMATION_DEPTH): string | undefined {
  if (chain.keys.length < limit) return undefined;
  return `automation depth limit ${limit} reached: ${[...chain.keys, key].join(' -> ')} (an automation's actions keep triggering automations)`;
}
