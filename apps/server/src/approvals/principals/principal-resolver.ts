import type { Principal } from '@tessera/metadata';
import type { IdentityService } from '../../identity/identity.service';

/** What a principal is resolved against: the record, and the org tree through IdentityService. */
export interface PrincipalContext {
  record: Readonly<Record<string, unknown>>;
  identity: IdentityService;
  /** The record owner's org unit (their current unit, else the record's), looked up once. */
  ownerUnit(): Promise<string | null>;
}

/** Turns one principal kind into enabled user ids. One file per kind, one line in the registry. */
export interface PrincipalResolver<P extends Principal = Principal> {
  kind: P['kind'];
  resolve(principal: P, ctx: PrincipalContext): Promise<string[]>;
}
