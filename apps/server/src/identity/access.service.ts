import { Injectable } from '@nestjs/common';
import { emptyObjectAccess, needsUnitsBelow, resolveObjectAccess } from '@tessera/engine';
import type { Label, RoleDefinition } from '@tessera/metadata';
import { MetadataRuntime } from '../metadata/metadata-runtime.service';
import type { PublishedMetadata } from '../metadata/published-metadata';
import { ADMIN_ROLE, ADMIN_ROLE_LABEL, type Actor } from './actor';
import { forbidden } from './identity.errors';
import type { ObjectAccess, ObjectAction } from './object-access';
import { OrgUnitRepository } from './org-units/org-unit.repository';
import type { Capability } from './require-access.decorator';

const ALL_CAPABILITIES: Capability[] = ['design', 'publish', 'packImport', 'packExport', 'userAdmin', 'approvalAdmin'];

/**
 * The one permission service. Every read and write path asks it for the actor's
 * access to an object and passes the row filter it returns into the query; roles come
 * from the published metadata (cached per version by MetadataRuntime), units from the
 * org tree.
 */
@Injectable()
export class AccessService {
  constructor(
    private readonly metadata: MetadataRuntime,
    private readonly units: OrgUnitRepository,
  ) {}

  /** The actor's access to `object`; empty (no actions, no rows) for an object that is not published. */
  async objectAccess(actor: Actor, object: string): Promise<ObjectAccess> {
    const meta = await this.metadata.get();
    if (!meta.object(object)) return emptyObjectAccess(object);
    return this.resolve(actor, meta, object);
  }

  /** The access, when it includes `action`; otherwise a 403 naming the object and the action. */
  async require(actor: Actor, object: string, action: ObjectAction): Promise<ObjectAccess> {
    const access = await this.objectAccess(actor, object);
    if (!access.actions.has(action)) {
      throw forbidden(`Your roles do not allow ${action} on ${object}`, 'action-forbidden', [
        { path: '', code: 'access.action', message: `${action} on ${object} is not allowed` },
      ]);
    }
    return access;
  }

  /** Access to every published object the actor can do something with (navigation). */
  async objectsAccess(actor: Actor): Promise<ObjectAccess[]> {
    const meta = await this.metadata.get();
    const all = await Promise.all(meta.objects().map((o) => this.resolve(actor, meta, o.key)));
    return all.filter((a) => a.actions.size > 0);
  }

  async capabilities(actor: Actor): Promise<Capability[]> {
    if (actor.isAdmin) return [...ALL_CAPABILITIES];
    const roles = rolesOf(await this.metadata.get(), actor);
    return ALL_CAPABILITIES.filter((c) => roles.some((r) => r.capabilities?.includes(c)));
  }

  async requireCapability(actor: Actor, capability: Capability): Promise<void> {
    if (!(await this.capabilities(actor)).includes(capability)) {
      throw forbidden(`This needs the "${capability}" capability`, 'capability-missing');
    }
  }

  /** Role keys that may be granted: the published roles plus the built-in admin. */
  async grantableRoles(): Promise<Array<{ key: string; label: Label }>> {
    const roles = (await this.metadata.get()).roles().map((r) => ({ key: r.key, label: r.label }));
    return [{ key: ADMIN_ROLE, label: ADMIN_ROLE_LABEL }, ...roles.filter((r) => r.key !== ADMIN_ROLE)];
  }

  private async resolve(actor: Actor, meta: PublishedMetadata, object: string): Promise<ObjectAccess> {
    const roles = rolesOf(meta, actor);
    const unitsBelow =
      !actor.isAdmin && actor.orgUnitId !== null && needsUnitsBelow(roles, object) ? await this.units.descendantIds(actor.orgUnitId) : [];
    return resolveObjectAccess({ object, roles, subject: actor, isAdmin: actor.isAdmin, unitsBelow });
  }
}

/** The published role documents the actor holds (keys without a document grant nothing). */
function rolesOf(meta: PublishedMetadata, actor: Actor): RoleDefinition[] {
  return meta.roles().filter((r) => actor.roles.includes(r.key));
}
