import type { MetadataIssue } from '../issues/metadata-issue';
import type { Principal } from '../metadata.generated';
import { requireField, requireRole, type RecordScope } from './lint.context';

type PrincipalLinter<P extends Principal> = (p: P, scope: RecordScope, at: string, issues: MetadataIssue[]) => void;

/** One checker per principal kind. */
const PRINCIPAL_LINTERS: { [K in Principal['kind']]: PrincipalLinter<Extract<Principal, { kind: K }>> } = {
  role: (p, scope, at, issues) => requireRole(scope.index, p.role, at + '/role', issues),
  manager: (p, scope, at, issues) => {
    requireField(scope, scope.object.key, p.of ?? 'owner_id', at + '/of', issues, ['user'], 'a manager lookup');
  },
  field: (p, scope, at, issues) => {
    requireField(scope, scope.object.key, p.field, at + '/field', issues, ['user'], 'a principal');
  },
  // A login is only known at run time.
  user: () => undefined,
};

/** Checks the roles and user fields principals refer to. */
export function lintPrincipals(principals: readonly Principal[] | undefined, scope: RecordScope, at: string): MetadataIssue[] {
  const issues: MetadataIssue[] = [];
  (principals ?? []).forEach((p, i) => (PRINCIPAL_LINTERS[p.kind] as PrincipalLinter<Principal>)(p, scope, `${at}/${i}`, issues));
  return issues;
}
