/**
 * The semver subset packs use: versions major.minor.patch with an optional prerelease,
 * and the ranges of pack.schema.json (^1.2.0, ~1.2, >=1.0.0 <2.0.0, 1.x, *). Pure, so
 * the CLI, the server and the browser agree on what "requires tessera ^0.1.0" means.
 */
export interface ParsedSemver {
  major: number;
  minor: number;
  patch: number;
  prerelease: string[];
}

const VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]+)?$/;

export function parseSemver(text: string): ParsedSemver | undefined {
  const m = VERSION.exec(text.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), prerelease: m[4] ? m[4].split('.') : [] };
}

function comparePrerelease(a: string[], b: string[]): number {
  // A version without a prerelease ranks above the same version with one.
  if (a.length === 0 || b.length === 0) return b.length - a.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === undefined) return -1;
    if (b[i] === undefined) return 1;
    const [na, nb] = [Number(a[i]), Number(b[i])];
    const numeric = /^\d+$/.test(a[i]) && /^\d+$/.test(b[i]);
    const c = numeric ? na - nb : a[i] < b[i] ? -1 : a[i] > b[i] ? 1 : 0;
    if (c !== 0) return Math.sign(c);
  }
  return 0;
}

/** Negative, zero or positive as a is below, equal to or above b. Throws on a malformed version. */
export function compareSemver(a: string, b: string): number {
  const [x, y] = [parseSemver(a), parseSemver(b)];
  if (!x || !y) throw new Error(`not a semantic version: ${!x ? a : b}`);
  return Math.sign(x.major - y.major) || Math.sign(x.minor - y.minor) || Math.sign(x.patch - y.patch) || comparePrerelease(x.prerelease, y.prerelease);
}

type Comparator = { op: '>=' | '<' | '>' | '<=' | '='; version: string };

const PART = /^(\^|~|>=|<=|>|<|=)?(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?(-[0-9A-Za-z.-]+)?$/;

/** One term of a range as comparators: ^1.2.3 is >=1.2.3 <2.0.0, 1.x is >=1.0.0 <2.0.0. */
function comparators(term: string): Comparator[] | undefined {
  if (term === '*' || term === 'x') return [];
  const m = PART.exec(term);
  if (!m) return undefined;
  const [, op = '', majorText, minorText, patchText, pre = ''] = m;
  const wild = (t: string | undefined) => t === undefined || t === 'x' || t === '*';
  const major = Number(majorText);
  const minor = wild(minorText) ? undefined : Number(minorText);
  const patch = wild(patchText) ? undefined : Number(patchText);
  const base = `${major}.${minor ?? 0}.${patch ?? 0}${pre}`;
  const upper = (v: string): Comparator => ({ op: '<', version: v });
  if (op === '^') {
    const bound = major > 0 || minor === undefined ? `${major + 1}.0.0` : minor > 0 || patch === undefined ? `0.${minor + 1}.0` : `0.0.${patch + 1}`;
    return [{ op: '>=', version: base }, upper(bound)];
  }
  if (op === '~') return [{ op: '>=', version: base }, upper(minor === undefined ? `${major + 1}.0.0` : `${major}.${minor + 1}.0`)];
  if (op === '' || op === '=') {
    if (minor === undefined) return [{ op: '>=', version: base }, upper(`${major + 1}.0.0`)];
    if (patch === undefined) return [{ op: '>=', version: base }, upper(`${major}.${minor + 1}.0`)];
    return [{ op: '=', version: base }];
  }
  return [{ op: op as Comparator['op'], version: base }];
}

/** Whether version satisfies range (every space-separated term must hold). False for malformed input. */
export function satisfiesRange(version: string, range: string): boolean {
  if (!parseSemver(version)) return false;
  const terms = range.trim().split(/\s+/);
  const all: Comparator[] = [];
  for (const t of terms) {
    const c = comparators(t);
    if (!c) return false;
    all.push(...c);
  }
  return all.every(({ op, version: v }) => {
    const c = compareSemver(version, v);
    return op === '>=' ? c >= 0 : op === '>' ? c > 0 : op === '<' ? c < 0 : op === '<=' ? c <= 0 : c === 0;
  });
}
