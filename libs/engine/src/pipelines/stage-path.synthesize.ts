import type { PipelineDefinition } from '@tessera/metadata';

/** One stay of a made-up stage history. */
export interface SynthesizedStay {
  stage: string;
  from: string | null;
  move: 'create' | 'next' | 'won' | 'lost';
  enteredAt: Date;
  /** Null for the stay the record is in now. */
  exitedAt: Date | null;
  /** A reason value of the terminal stage, for the closing stay. */
  reason: string | null;
}

/**
 * A plausible past for a demo record placed in `current`: it went through the open
 * stages in order up to its stage (a won record through all of them, a lost one up to an
 * open stage picked at random, then lost from there), entering each at a random moment
 * between `createdAt` and `until`. `random` yields [0, 1) and is seeded by the caller, so
 * an import makes the same history every time. Unknown stages give no history.
 */
export function synthesizeStagePath(pipeline: Pick<PipelineDefinition, 'stages'>, current: string, createdAt: Date, until: Date, random: () => number): SynthesizedStay[] {
  const open = pipeline.stages.filter((s) => (s.type ?? 'open') === 'open');
  const target = pipeline.stages.find((s) => s.key === current);
  if (!target || open.length === 0) return [];
  const type = target.type ?? 'open';
  const through = type === 'open' ? open.indexOf(target) : type === 'won' ? open.length - 1 : Math.floor(random() * open.length);
  const keys = open.slice(0, through + 1).map((s) => s.key);
  if (type !== 'open') keys.push(current);

  const start = createdAt.getTime();
  const span = Math.max(0, until.getTime() - start);
  const entries = [start, ...keys.slice(1).map(() => start + Math.floor(random() * span)).sort((a, b) => a - b)];
  const reasons = type === 'open' ? [] : (target.reasons ?? []);
  const reason = reasons.length > 0 ? reasons[Math.floor(random() * reasons.length)].value : null;
  const last = keys.length - 1;
  return keys.map((stage, i) => ({
    stage,
    from: i === 0 ? null : keys[i - 1],
    move: i === 0 ? 'create' : i === last && type !== 'open' ? type : 'next',
    enteredAt: new Date(entries[i]),
    exitedAt: i < last ? new Date(entries[i + 1]) : null,
    reason: i === last ? reason : null,
  }));
}
