import type { MetadataIssue } from '../issues/metadata-issue';
import type { RoleDefinition } from '../metadata.generated';
import { duplicateKeys, error, requireField, requireObject, show } from './lint.context';
import type { MetadataIndex } from './metadata.index';

/** Row scopes from narrowest to widest. */
const SCOPE_WIDTH = { own: 0, orgUnit: 1, orgUnitAndBelow: 2, all: 3 } as const;

/** Actions that only add records; a role may have them without read (a lead capture form). */
const ADD_ONLY: ReadonlySet<string> = new Set(['read', 'create', 'import']);

/** Permissions name real objects and fields, once each; writes never reach rows reads cannot. */
export function lintRole(role: RoleDefinition, index: MetadataIndex): MetadataIssue[] {
  const issues: MetadataIssue[] = [];
  issues.push(...duplicateKeys(role.permissions, '/permissions', (p) => p.object, 'object', 'role.duplicate-object', 'permission for object'));
  role.permissions.forEach((p, i) => {
    const at = `/permissions/${i}`;
    if (!requireObject(index, p.object, at + '/object', issues)) return;
    if (p.writeScope !== undefined && SCOPE_WIDTH[p.writeScope] > SCOPE_WIDTH[p.readScope]) {
      issues.push(error(at + '/writeScope', 'role.write-wider-than-read', `writeScope ${p.writeScope} reaches rows that readScope ${p.readScope} hides`));
    }
    const needRead = p.actions.filter((a) => !ADD_ONLY.has(a));
    if (!p.actions.includes('read') && needRead.length > 0) issues.push(error(at + '/actions', 'role.write-without-read', `role can ${needRead.join(', ')} ${show(p.object)} records it cannot read`));
    for (const key of Object.keys(p.fields ?? {})) requireField({ index }, p.object, key, `${at}/fields/${key}`, issues);
  });
  return issues;
}
