import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { uuidv7 } from '../../common/uuid7';
import { AppConfigService } from '../../config/app-config.service';
import { ADMIN_ROLE } from '../actor';
import { hashPassword } from '../auth/password.hash';
import { UserRepository } from './user.repository';

export const INITIAL_ADMIN_USERNAME = 'admin';

/**
 * At first start there is nobody to sign in as: create `admin` with ADMIN_PASSWORD,
 * or with a generated password logged this once. Several instances starting together
 * race on the unique username; only the winner creates (and logs).
 */
@Injectable()
export class InitialAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger('Identity');

  constructor(
    private readonly users: UserRepository,
    private readonly audit: AuditService,
    private readonly config: AppConfigService,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (await this.users.findByUsername(INITIAL_ADMIN_USERNAME)) return;
    const given = this.config.get('ADMIN_PASSWORD');
    const password = given ?? randomBytes(12).toString('base64url');
    const passwordHash = await hashPassword(password);
    const id = uuidv7();
    const created = await this.dataSource.transaction(async (m) => {
      const inserted = await this.users.insert(
        { id, username: INITIAL_ADMIN_USERNAME, displayName: '系统管理员 Administrator', passwordHash, orgUnitId: null, locale: 'zh-CN' },
        [ADMIN_ROLE],
        m,
      );
      if (inserted) {
        await this.audit.record({ action: 'user.created', actorId: null, actorName: 'system', target: { type: 'user', id }, details: { username: INITIAL_ADMIN_USERNAME, roles: [ADMIN_ROLE], initial: true } }, m);
      }
      return inserted;
    });
    if (!created) return;
    if (given) this.logger.log(`Created the initial user "${INITIAL_ADMIN_USERNAME}" with the password from ADMIN_PASSWORD`);
    else this.logger.warn(`Created the initial user "${INITIAL_ADMIN_USERNAME}" with the generated password ${password} (shown once; change it after signing in)`);
  }
}
