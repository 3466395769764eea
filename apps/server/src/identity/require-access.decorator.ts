import { SetMetadata } from '@nestjs/common';
import type { RoleDefinition } from '@tessera/metadata';

export type Capability = NonNullable<RoleDefinition['capabilities']>[number];

export const REQUIRED_ACCESS = 'tessera:required-access';

/** What a route needs beyond sign-in: the admin role, or a capability (admins hold every one). */
export type RequiredAccess = { admin: true } | { capability: Capability };

/** Only administrators (the built-in `admin` role). */
export const AdminOnly = (): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ACCESS, { admin: true } satisfies RequiredAccess);

/** Administrators, or users with a role that grants `capability`. */
export const RequireCapability = (capability: Capability): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_ACCESS, { capability } satisfies RequiredAccess);
