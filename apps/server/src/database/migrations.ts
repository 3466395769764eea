import type { MigrationInterface } from 'typeorm';
import { CreateApprovals1764200000000 } from '../approvals/migrations/1764200000000-create-approvals';
import { CreateAuditLog1764170001000 } from '../audit/migrations/1764170001000-create-audit-log';
import { CreateFileAttachment1764175000000 } from '../files/migrations/1764175000000-create-file-attachment';
import { CreateJobs1764210000000 } from '../jobs/migrations/1764210000000-create-jobs';
import { CreateAutomations1764210001000 } from '../automations/migrations/1764210001000-create-automations';
import { CreateIdentity1764170000000 } from '../identity/migrations/1764170000000-create-identity';
import { CreateMetadataDraft1764160001000 } from '../metadata/migrations/1764160001000-create-metadata-draft';
import { CreateMetadataVersion1764160000000 } from '../metadata/migrations/1764160000000-create-metadata-version';
import { CreateNotification1764190001000 } from '../notifications/migrations/1764190001000-create-notification';
import { CreateOutbox1764160003000 } from '../outbox/migrations/1764160003000-create-outbox';
import { CreatePackInstallation1764220000000 } from '../packs/migrations/1764220000000-create-pack-installation';
import { CreatePipelines1764190002000 } from '../pipelines/migrations/1764190002000-create-pipelines';
import { IndexCurrentStays1764300000000 } from '../pipelines/migrations/1764300000000-index-current-stays';
import { CreateRecordHistory1764160002000 } from '../records/migrations/1764160002000-create-record-history';
import { CreateSavedView1764310000000 } from '../records/migrations/1764310000000-create-saved-view';
import { CreateRecordComment1764320000000 } from '../records/migrations/1764320000000-create-record-comment';
import { CreateTimer1764190000000 } from '../timers/migrations/1764190000000-create-timer';
import { AddTimerKey1764210002000 } from '../timers/migrations/1764210002000-add-timer-key';

/**
 * Every migration of the platform tables, oldest first. A module keeps its migrations in
 * its own `migrations/` folder and adds one line here; TypeORM runs them at start and
 * orders them by the timestamp in their names.
 */
export const migrations: Array<new () => MigrationInterface> = [
  CreateMetadataVersion1764160000000,
  CreateMetadataDraft1764160001000,
  CreateRecordHistory1764160002000,
  CreateOutbox1764160003000,
  CreateIdentity1764170000000,
  CreateAuditLog1764170001000,
  CreateFileAttachment1764175000000,
  CreateTimer1764190000000,
  CreateNotification1764190001000,
  CreatePipelines1764190002000,
  CreateApprovals1764200000000,
  CreateJobs1764210000000,
  CreateAutomations1764210001000,
  AddTimerKey1764210002000,
  CreatePackInstallation1764220000000,
  IndexCurrentStays1764300000000,
  CreateSavedView1764310000000,
  CreateRecordComment1764320000000,
];

export const MIGRATIONS_TABLE = 'typeorm_migrations';
