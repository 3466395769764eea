import type { MetadataDocument } from '@tessera/metadata';

/** The designer screen of each kind it edits, under /admin. */
export const KIND_ROUTES = {
  object: 'objects',
  form: 'forms',
  pipeline: 'pipelines',
  approvalFlow: 'approvals',
  automation: 'automations',
  role: 'roles',
} as const satisfies Partial<Record<MetadataDocument['kind'], string>>;

export type DesignedKind = keyof typeof KIND_ROUTES;

export const isDesignedKind = (kind: string): kind is DesignedKind => Object.prototype.hasOwnProperty.call(KIND_ROUTES, kind);

/** Where a document is edited (its kind's screen when it has no designer of its own). */
export const documentPath = (kind: string, key?: string): string =>
  isDesignedKind(kind) ? `/admin/${KIND_ROUTES[kind]}${key ? `/${encodeURIComponent(key)}` : ''}` : '/admin/publish';
