import type { MetadataIssue } from '../issues/metadata-issue';
import type { OrgDefinition } from '../metadata.generated';
import { duplicateKeys, error, show } from './lint.context';

/** Unit keys are unique and parents form a tree: every parent exists and no unit is its own ancestor. */
export function lintOrg(org: OrgDefinition): MetadataIssue[] {
  const issues = duplicateKeys(org.units, '/units', (u) => u.key, 'key', 'org.duplicate-unit', 'org unit');
  const parentOf = new Map(org.units.map((u) => [u.key, u.parent]));
  org.units.forEach((unit, i) => {
    if (unit.parent === undefined) return;
    if (!parentOf.has(unit.parent)) {
      issues.push(error(`/units/${i}/parent`, 'ref.unknown-unit', `parent unit ${show(unit.parent)} does not exist`));
      return;
    }
    // Walk up until the root or a repeat; only a walk that comes back to this unit
    // means it is on the cycle (units hanging below a cycle are not reported).
    const path = [unit.key];
    for (let p: string | undefined = unit.parent; p !== undefined && !path.includes(p); p = parentOf.get(p)) path.push(p);
    const last = parentOf.get(path[path.length - 1]);
    if (last === unit.key) issues.push(error(`/units/${i}/parent`, 'org.cycle', `unit ${show(unit.key)} is its own ancestor (${[...path, unit.key].join(' → ')})`));
  });
  return issues;
}
