import type { ObjectPermission, RoleDefinition } from '@tessera/metadata';
import { resolveObjectAccess, type ObjectAccessData } from './object-access.resolve';

const label = { 'zh-CN': '角色', en: 'Role' };
const role = (key: string, ...permissions: ObjectPermission[]): RoleDefinition => ({ kind: 'role', key, label, permissions });
const grant = (actions: ObjectPermission['actions'], readScope: ObjectPermission['readScope'], extra: Partial<ObjectPermission> = {}): ObjectPermission => ({
  object: 'deal',
  actions,
  readScope,
  ...extra,
});

const me = { userId: 'u-me', orgUnitId: 'east' };
const below = ['east', 'east-sh', 'east-hz'];

function resolve(roles: RoleDefinition[], options: { isAdmin?: boolean; orgUnitId?: string | null; object?: string } = {}): ObjectAccessData {
  return resolveObjectAccess({
    object: options.object ?? 'deal',
    roles,
    subject: { ...me, orgUnitId: options.orgUnitId === undefined ? me.orgUnitId : options.orgUnitId },
    isAdmin: options.isAdmin ?? false,
    unitsBelow: below,
  });
}

describe('resolveObjectAccess: rows', () => {
  it.each([
    ['own', { all: false, ownerIds: ['u-me'], unitIds: [] }],
    ['orgUnit', { all: false, ownerIds: ['u-me'], unitIds: ['east'] }],
    ['orgUnitAndBelow', { all: false, ownerIds: ['u-me'], unitIds: below }],
    ['all', { all: true }],
  ] as const)('readScope %s reads %j', (scope, filter) => {
    expect(resolve([role('r', grant(['read'], scope))]).read).toEqual(filter);
  });

  it('gives a user without a unit only their own rows for unit scopes', () => {
    const access = resolve([role('r', grant(['read'], 'orgUnitAndBelow'))], { orgUnitId: null });
    expect(access.read).toEqual({ all: false, ownerIds: ['u-me'], unitIds: [] });
  });

  it('unions the scopes of several roles', () => {
    const access = resolve([role('a', grant(['read'], 'own')), role('b', grant(['read'], 'orgUnit'))]);
    expect(access.read).toEqual({ all: false, ownerIds: ['u-me'], unitIds: ['east'] });
    expect(resolve([role('a', grant(['read'], 'own')), role('b', grant(['read'], 'all'))]).read).toEqual({ all: true });
  });

  it.each([
    ['writeScope absent: readScope', grant(['read', 'update'], 'orgUnit'), { all: false, ownerIds: ['u-me'], unitIds: ['east'] }],
    ['writeScope narrower', grant(['read', 'update'], 'all', { writeScope: 'own' }), { all: false, ownerIds: ['u-me'], unitIds: [] }],
    ['writeScope wider is clamped', grant(['read', 'update'], 'orgUnit', { writeScope: 'all' }), { all: false, ownerIds: ['u-me'], unitIds: ['east'] }],
  ])('%s', (_name, g, write) => {
    expect(resolve([role('r', g)]).write).toEqual(write);
  });

  it('takes no write rows from a role that only reads', () => {
    const access = resolve([role('reader', grant(['read'], 'all')), role('rep', grant(['read', 'update'], 'own'))]);
    expect(access.read).toEqual({ all: true });
    expect(access.write).toEqual({ all: false, ownerIds: ['u-me'], unitIds: [] });
  });

  it('keeps rows per action where the write union is wider', () => {
    const access = resolve([role('a', grant(['read', 'update'], 'all', { writeScope: 'own' })), role('b', grant(['read', 'delete'], 'all'))]);
    expect(access.write).toEqual({ all: true });
    expect(access.byAction.update).toEqual({ all: false, ownerIds: ['u-me'], unitIds: [] });
    expect(access.byAction.delete).toEqual({ all: true });
    expect(access.byAction.moveStage).toBeUndefined();
  });

  it('reads nothing when no role grants read, even with a readScope', () => {
    const access = resolve([role('r', grant(['create'], 'all'))]);
    expect([...access.actions]).toEqual(['create']);
    expect(access.read).toEqual({ all: false, ownerIds: [], unitIds: [] });
    expect(access.write).toEqual({ all: false, ownerIds: [], unitIds: [] });
  });

  it('grants nothing on an object no role lists', () => {
    const access = resolve([role('r', grant(['read', 'update'], 'all'))], { object: 'invoice' });
    expect(access.actions.size).toBe(0);
    expect(access.read).toEqual({ all: false, ownerIds: [], unitIds: [] });
  });

  it('gives an admin everything whatever the roles say', () => {
    const access = resolve([], { isAdmin: true });
    expect([...access.actions].sort()).toEqual(['create', 'delete', 'export', 'import', 'moveStage', 'read', 'reassign', 'update']);
    expect(access.read).toEqual({ all: true });
    expect(access.write).toEqual({ all: true });
  });
});

describe('resolveObjectAccess: fields', () => {
  const cases: Array<[string, RoleDefinition[], string[], string[]]> = [
    ['one role hides a field', [role('r', grant(['read', 'update'], 'own', { fields: { cost: 'hidden' } }))], ['cost'], []],
    [
      'a field is hidden only if every reading role hides it',
      [role('a', grant(['read'], 'own', { fields: { cost: 'hidden' } })), role('b', grant(['read'], 'all', { fields: { cost: 'read' } }))],
      [],
      ['cost'],
    ],
    [
      'a role that cannot read does not unhide',
      [role('a', grant(['read'], 'own', { fields: { cost: 'hidden' } })), role('b', grant(['create'], 'all'))],
      ['cost'],
      [],
    ],
    ['read marks read-only for an updater', [role('r', grant(['read', 'update'], 'own', { fields: { discount: 'read' } }))], [], ['discount']],
    [
      'another updater leaving it unlisted makes it editable',
      [role('a', grant(['read', 'update'], 'own', { fields: { discount: 'read' } })), role('b', grant(['read', 'update'], 'own'))],
      [],
      [],
    ],
    [
      'edit from a role that cannot update does not count',
      [role('a', grant(['read', 'update'], 'own', { fields: { discount: 'read' } })), role('b', grant(['read'], 'all', { fields: { discount: 'edit' } }))],
      [],
      ['discount'],
    ],
    [
      'a hidden field from an updater is read-only once another role shows it',
      [role('a', grant(['read', 'update'], 'own', { fields: { cost: 'hidden' } })), role('b', grant(['read'], 'all'))],
      [],
      ['cost'],
    ],
  ];
  it.each(cases)('%s', (_name, roles, hidden, readOnly) => {
    const access = resolve(roles);
    expect([...access.hidden].sort()).toEqual(hidden);
    expect([...access.readOnly].sort()).toEqual(readOnly);
  });
});
