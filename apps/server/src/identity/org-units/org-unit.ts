import type { Label } from '@tessera/metadata';

export interface OrgUnitRecord {
  id: string;
  key: string;
  label: Label;
  parentId: string | null;
  managerUserId: string | null;
}

/** A unit as the admin API returns it: its place in the tree and how many users it holds. */
export interface OrgUnitView extends OrgUnitRecord {
  depth: number;
  memberCount: number;
}
