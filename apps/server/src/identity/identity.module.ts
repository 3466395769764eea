import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { MetadataModule } from '../metadata/metadata.module';
import { AccessService } from './access.service';
import { ApiKeyEntity } from './api-keys/api-key.entity';
import { ApiKeyRepository } from './api-keys/api-key.repository';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysService } from './api-keys/api-keys.service';
import { AuthSessionEntity } from './auth/auth-session.entity';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { IdentitySecretRepository } from './auth/identity-secret.repository';
import { LoginThrottleRepository } from './auth/login-throttle.repository';
import { RefreshTokenEntity } from './auth/refresh-token.entity';
import { SessionRepository } from './auth/session.repository';
import { TokenService } from './auth/token.service';
import { IdentityImportService } from './identity-import.service';
import { IdentityService } from './identity.service';
import { MeController } from './me.controller';
import { OrgUnitEntity } from './org-units/org-unit.entity';
import { OrgUnitRepository } from './org-units/org-unit.repository';
import { OrgUnitsController } from './org-units/org-units.controller';
import { OrgUnitsService } from './org-units/org-units.service';
import { AppUserEntity } from './users/app-user.entity';
import { InitialAdmin } from './users/initial-admin';
import { UserBulkRepository } from './users/user-bulk.repository';
import { UserRoleEntity } from './users/user-role.entity';
import { UserRepository } from './users/user.repository';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

/**
 * Owns users, org units, role grants, sessions and API keys. Installs the global
 * AuthGuard: every route needs a signed-in actor unless marked @Public(). Global, so
 * every module can inject AccessService and IdentityService.
 */
@Global()
@Module({
  imports: [
    AuditModule,
    MetadataModule,
    JwtModule.register({}),
    TypeOrmModule.forFeature([AppUserEntity, UserRoleEntity, OrgUnitEntity, AuthSessionEntity, RefreshTokenEntity, ApiKeyEntity]),
  ],
  controllers: [AuthController, MeController, UsersController, OrgUnitsController, ApiKeysController],
  providers: [
    UserRepository,
    OrgUnitRepository,
    SessionRepository,
    ApiKeyRepository,
    LoginThrottleRepository,
    IdentitySecretRepository,
    TokenService,
    AuthService,
    AccessService,
    IdentityService,
    UsersService,
    OrgUnitsService,
    ApiKeysService,
    InitialAdmin,
    UserBulkRepository,
    IdentityImportService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AccessService, IdentityService, OrgUnitsService, IdentityImportService],
})
export class IdentityModule {}
