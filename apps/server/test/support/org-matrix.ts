import type { ObjectPermission, RoleDefinition } from '@tessera/metadata';
import { ApiClient } from './api-client';

/**
 * The org every permission test runs on:
 *
 *   company 公司 (manager: gm)
 *   ├── east 华东区 (manager: manager_east)
 *   │   ├── east_shanghai 上海办事处   <- rep_east
 *   │   └── east_hangzhou 杭州办事处
 *   └── south 华南区
 *       └── south_guangzhou 广州办事处 <- rep_south
 *
 * director, finance and gm sit in `company`; admin is the built-in administrator.
 */
export const MATRIX_UNITS = {
  company: { parent: null, label: { 'zh-CN': '公司', en: 'Company' } },
  east: { parent: 'company', label: { 'zh-CN': '华东区', en: 'East China' } },
  east_shanghai: { parent: 'east', label: { 'zh-CN': '上海办事处', en: 'Shanghai office' } },
  east_hangzhou: { parent: 'east', label: { 'zh-CN': '杭州办事处', en: 'Hangzhou office' } },
  south: { parent: 'company', label: { 'zh-CN': '华南区', en: 'South China' } },
  south_guangzhou: { parent: 'south', label: { 'zh-CN': '广州办事处', en: 'Guangzhou office' } },
} as const;

export type MatrixUnit = keyof typeof MATRIX_UNITS;
export type MatrixUser = 'rep_east' | 'rep_south' | 'manager_east' | 'director' | 'finance' | 'gm' | 'admin';

export const MATRIX_USERS: Record<Exclude<MatrixUser, 'admin'>, { unit: MatrixUnit; displayName: string; roles: string[] }> = {
  rep_east: { unit: 'east_shanghai', displayName: '华东销售 East rep', roles: ['sales_rep'] },
  rep_south: { unit: 'south_guangzhou', displayName: '华南销售 South rep', roles: ['sales_rep'] },
  manager_east: { unit: 'east', displayName: '华东区域经理 East manager', roles: ['sales_manager'] },
  director: { unit: 'company', displayName: '销售总监 Sales director', roles: ['sales_director'] },
  finance: { unit: 'company', displayName: '财务 Finance', roles: ['finance'] },
  gm: { unit: 'company', displayName: '总经理 GM', roles: ['gm'] },
};

export const MATRIX_PASSWORD = 'matrix-password-1';

/** Field access per role key and object key, e.g. `{ sales_rep: { deal: { cost: 'hidden' } } }`. */
export type MatrixFieldRules = Partial<Record<string, Record<string, NonNullable<ObjectPermission['fields']>>>>;

/**
 * Role documents for the matrix over `objects` (put them in the metadata you publish):
 * reps read and write their own rows, the regional manager everything in and below
 * their region, director / finance / GM everything (finance and GM read only).
 */
export function matrixRoleDocuments(objects: string[], fields: MatrixFieldRules = {}): RoleDefinition[] {
  const role = (key: string, zh: string, en: string, actions: ObjectPermission['actions'], readScope: ObjectPermission['readScope'], extra: Partial<RoleDefinition> = {}): RoleDefinition => ({
    kind: 'role',
    key,
    label: { 'zh-CN': zh, en },
    ...extra,
    permissions: objects.map((object) => ({ object, actions, readScope, ...(fields[key]?.[object] ? { fields: fields[key]![object] } : {}) })),
  });
  return [
    role('sales_rep', '销售代表', 'Sales rep', ['read', 'create', 'update', 'moveStage'], 'own'),
    role('sales_manager', '区域经理', 'Regional manager', ['read', 'create', 'update', 'moveStage', 'reassign', 'export'], 'orgUnitAndBelow'),
    role('sales_director', '销售总监', 'Sales director', ['read', 'update', 'moveStage', 'reassign', 'export'], 'all'),
    role('finance', '财务', 'Finance', ['read', 'export'], 'all'),
    role('gm', '总经理', 'General manager', ['read', 'export', 'reassign'], 'all', { capabilities: ['approvalAdmin'] }),
  ];
}

export interface MatrixMember {
  id: string;
  username: string;
  password: string;
  unit: MatrixUnit | null;
  roles: string[];
  accessToken: string;
  refreshToken: string;
  /** An API client signed in as this user. */
  api: ApiClient;
}

export interface OrgMatrix {
  units: Record<MatrixUnit, { id: string; key: string }>;
  users: Record<MatrixUser, MatrixMember>;
}

export interface OrgMatrixOptions {
  /** Role keys per user instead of MATRIX_USERS' (they must be published). */
  roles?: Partial<Record<Exclude<MatrixUser, 'admin'>, string[]>>;
  /** Prefix for unit keys and usernames, so one database can hold several matrices. */
  prefix?: string;
}

/**
 * Creates the matrix through the admin API (the roles must already be published) and
 * signs everyone in. `admin` is the built-in administrator signed in as `admin`.
 */
export async function createOrgMatrix(server: { admin: ApiClient; anonymous: ApiClient }, adminPassword: string, options: OrgMatrixOptions = {}): Promise<OrgMatrix> {
  const prefix = options.prefix ?? '';
  const ok = <T>(res: { status: number; body: T }, what: string): T => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  const units = {} as OrgMatrix['units'];
  for (const [key, spec] of Object.entries(MATRIX_UNITS) as Array<[MatrixUnit, (typeof MATRIX_UNITS)[MatrixUnit]]>) {
    const body = { key: `${prefix}${key}`, label: spec.label, parentId: spec.parent ? units[spec.parent].id : null };
    const created = ok(await server.admin.post<{ id: string; key: string }>('/api/admin/org-units', body), `create unit ${key}`);
    units[key] = { id: created.id, key: created.key };
  }

  const signIn = async (username: string, password: string) =>
    ok(await server.anonymous.post<{ accessToken: string; refreshToken: string; user: { id: string; roles: string[] } }>('/api/auth/login', { username, password }), `login ${username}`);

  const users = {} as OrgMatrix['users'];
  for (const [name, spec] of Object.entries(MATRIX_USERS) as Array<[Exclude<MatrixUser, 'admin'>, (typeof MATRIX_USERS)[keyof typeof MATRIX_USERS]]>) {
    const roles = options.roles?.[name] ?? spec.roles;
    const username = `${prefix}${name}`;
    const created = ok(
      await server.admin.post<{ id: string }>('/api/admin/users', { username, displayName: spec.displayName, password: MATRIX_PASSWORD, orgUnitId: units[spec.unit].id, roles }),
      `create user ${name}`,
    );
    const session = await signIn(username, MATRIX_PASSWORD);
    users[name] = { id: created.id, username, password: MATRIX_PASSWORD, unit: spec.unit, roles, accessToken: session.accessToken, refreshToken: session.refreshToken, api: server.anonymous.as(session.accessToken) };
  }
  ok(await server.admin.put(`/api/admin/org-units/${units.company.id}/manager`, { userId: users.gm.id }), 'set company manager');
  ok(await server.admin.put(`/api/admin/org-units/${units.east.id}/manager`, { userId: users.manager_east.id }), 'set east manager');

  const admin = await signIn('admin', adminPassword);
  users.admin = { id: admin.user.id, username: 'admin', password: adminPassword, unit: null, roles: admin.user.roles, accessToken: admin.accessToken, refreshToken: admin.refreshToken, api: server.anonymous.as(admin.accessToken) };
  return { units, users };
}
