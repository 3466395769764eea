import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import type { Label } from '@tessera/metadata';
import { AccessService } from './access.service';
import type { Actor } from './actor';
import { CurrentActor } from './current-actor.decorator';
import type { ObjectAction } from './object-access';
import { OrgUnitRepository } from './org-units/org-unit.repository';
import type { Capability } from './require-access.decorator';
import { BodyReader } from './request-body';
import { UsersService } from './users/users.service';

export interface MeView {
  user: { id: string; username: string; displayName: string; locale: 'zh-CN' | 'en'; kind: Actor['kind'] };
  orgUnit: { id: string; key: string; label: Label } | null;
  roles: Array<{ key: string; label: Label }>;
  isAdmin: boolean;
  capabilities: Capability[];
  /** Per object the actor can use: allowed actions and field restrictions, so the UI builds navigation and forms. */
  objects: Record<string, { actions: ObjectAction[]; hidden: string[]; readOnly: string[] }>;
}

@Controller('me')
export class MeController {
  constructor(
    private readonly access: AccessService,
    private readonly units: OrgUnitRepository,
    private readonly users: UsersService,
  ) {}

  @Get()
  async me(@CurrentActor() actor: Actor): Promise<MeView> {
    const [user, unit, grantable, capabilities, objects] = await Promise.all([
      this.users.get(actor.userId),
      actor.orgUnitId ? this.units.findById(actor.orgUnitId) : null,
      this.access.grantableRoles(),
      this.access.capabilities(actor),
      this.access.objectsAccess(actor),
    ]);
    return {
      user: { id: user.id, username: user.username, displayName: user.displayName, locale: user.locale, kind: actor.kind },
      orgUnit: unit && { id: unit.id, key: unit.key, label: unit.label },
      roles: grantable.filter((r) => actor.roles.includes(r.key)),
      isAdmin: actor.isAdmin,
      capabilities,
      objects: Object.fromEntries(objects.map((o) => [o.object, { actions: [...o.actions], hidden: [...o.hidden], readOnly: [...o.readOnly] }])),
    };
  }

  /** { currentPassword, newPassword }: a user changes their own password; their other sessions end. */
  @Post('password')
  @HttpCode(204)
  async changePassword(@CurrentActor() actor: Actor, @Body() body: unknown): Promise<void> {
    const b = new BodyReader(body);
    const currentPassword = b.text('currentPassword', { required: true, max: 1024 });
    const newPassword = b.text('newPassword', { required: true, min: 8, max: 256 });
    b.done();
    await this.users.changeOwnPassword(actor, currentPassword, newPassword);
  }
}
