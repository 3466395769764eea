import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { AppConfigService } from '../config/app-config.service';
import { SYSTEM_ACTOR } from '../identity/actor';
import { readPackFolder } from './pack-folder.read';
import { PackImportService, type DemoUserSummary } from './pack-import.service';
import { PackInstallationRepository } from './pack-installation.repository';

/**
 * First start: when nothing was ever published or installed, import the SEED_PACKS (from
 * PACKS_DIR) with their demo data, and print one demo user per role and the demo password
 * (DEMO_PASSWORD, or one generated now and printed this once). Later starts find metadata
 * and leave everything as it is; SEED_PACKS=none starts empty.
 */
@Injectable()
export class PackSeed implements OnApplicationBootstrap {
  private readonly logger = new Logger('Packs');

  constructor(
    private readonly config: AppConfigService,
    private readonly installations: PackInstallationRepository,
    private readonly importer: PackImportService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const names = this.config.get('SEED_PACKS');
    if (names.length === 0 || !(await this.installations.isPristine())) return;
    const given = this.config.get('DEMO_PASSWORD');
    const password = given ?? randomBytes(9).toString('base64url');
    const accounts: Array<DemoUserSummary & { pack: string }> = [];
    const started = Date.now();
    for (const name of names) {
      const bundle = await readPackFolder(join(this.config.get('PACKS_DIR'), name), true);
      const result = await this.importer.import(bundle, SYSTEM_ACTOR, { demoData: true, demoPassword: password });
      const records = Object.values(result.demo?.records ?? {}).reduce((a, b) => a + b, 0);
      this.logger.log(`Seeded template pack ${name} ${result.pack.version}: ${result.demo?.users.created ?? 0} demo users, ${records} demo records in ${result.durationMs} ms`);
      accounts.push(...(result.demo?.accounts ?? []).map((a) => ({ ...a, pack: name })));
    }
    // One line each: logs are JSON lines, and a line per account stays readable there too.
    this.logger.warn(`Demo users, one per role, all with the password ${given ? 'from DEMO_PASSWORD' : `${password} (generated, shown once)`}; seeding took ${Date.now() - started} ms`);
    for (const a of accounts) this.logger.warn(`Demo user ${a.username} (${a.name}): role ${a.role} of ${a.pack}`);
  }
}
