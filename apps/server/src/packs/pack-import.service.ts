import { Injectable, Logger } from '@nestjs/common';
import { synthesizeStagePath } from '@tessera/engine';
import {
  diffMetadata, documentName, satisfiesRange, compareSemver, validateBundle,
  type DataRisk, type DemoData, type DocumentDiff, type MetadataDocument, type MetadataIssue, type OrgDefinition, type PackBundle, type PackManifest,
} from '@tessera/metadata';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { createHash, randomBytes } from 'node:crypto';
import { canonicalJson } from '../common/canonical-json';
import type { ErrorItem } from '../common/errors/error-item';
import { UserError } from '../common/errors/user.error';
import { uuidv7 } from '../common/uuid7';
import { AppConfigService } from '../config/app-config.service';
import type { Actor } from '../identity/actor';
import { IdentityImportService } from '../identity/identity-import.service';
import type { OrgSyncResult } from '../identity/org-units/org-units.service';
import { OrgUnitsService } from '../identity/org-units/org-units.service';
import { MetadataPublishService, type PendingPublish } from '../metadata/metadata-publish.service';
import { PublishedMetadata } from '../metadata/published-metadata';
import { RecordImportService, type ImportRecordInput } from '../records/record-import.service';
import { DemoDataError, DemoExpansion, type DemoOwner } from './demo/demo-records.expand';
import { expandDemoUsers, type DemoUserPlan } from './demo/demo-users.expand';
import { mergePackDocuments } from './pack-documents.merge';
import { PackInstallationRepository, type PackDocumentEntry, type PackInstallation } from './pack-installation.repository';
import { PLATFORM_VERSION } from './platform-version';
import { seededRandom, seedOf } from './demo/seeded-random';
import { STAGE_PATH } from '../pipelines/stage-import.hook';

export interface PackImportOptions {
  /** Also create the demo users and records (skipped when this pack's demo data was loaded before). */
  demoData?: boolean;
  /** The non-destructive path for documents or fields the new version drops: keep them retired. */
  retire?: boolean;
  /** Importing an older version than the installed one. */
  allowDowngrade?: boolean;
  /** Password of the demo users created; DEMO_PASSWORD, else generated and returned once. */
  demoPassword?: string;
}

export type PackAction = 'install' | 'upgrade' | 'reinstall' | 'downgrade';

export interface DemoUserSummary {
  role: string;
  username: string;
  name: string;
}

export interface PackImportResult {
  pack: { name: string; version: string };
  previousVersion: string | null;
  action: PackAction;
  metadata: { version: number; unchanged: boolean; documents: DocumentDiff[]; risks: DataRisk[] };
  orgUnits: OrgSyncResult | null;
  demo: null | {
    skipped?: 'already-loaded';
    users: { created: number; existing: number };
    /** One demo user per role of the pack, for the first sign-in. */
    accounts: DemoUserSummary[];
    /** Set when the password was generated for this import: shown once, never stored. */
    password?: string;
    records: Record<string, number>;
    /** Warning rules that did not hold for imported records (accepted), per object. */
    warnings: Record<string, Record<string, number>>;
  };
  durationMs: number;
}

export interface PackPlan {
  pack: { name: string; version: string };
  previousVersion: string | null;
  action: PackAction;
  /** True when the import would go through as it stands. */
  ok: boolean;
  documents: Array<DocumentDiff & { safe: boolean }>;
  /** Changes that could lose or refuse stored data; destructive when stored records would be affected (null: not checked, something else stopped the import first). */
  risks: Array<DataRisk & { destructive: boolean | null }>;
  /** What would refuse the import (conflicts, destructive changes, invalid demo data), each with a pointer. */
  errors: ErrorItem[];
  orgUnits: OrgSyncResult | null;
  demo: null | { users: number; records: Record<string, number> };
}

interface CheckedPack {
  manifest: PackManifest;
  bundle: PackBundle;
  documents: MetadataDocument[];
  entries: PackDocumentEntry[];
  demo: Array<{ path: string; doc: DemoData }>;
  checksum: string;
}

/** The pointer of an issue in a bundle: /documents/<path>/<pointer into the document>. */
function bundlePointer(bundle: PackBundle, issue: MetadataIssue): string {
  const doc = issue.document ?? '';
  if (doc === 'bundle') return issue.path;
  const section = doc === 'pack.json' ? '/manifest' : doc in (bundle.demo ?? {}) ? `/demo/${escape(doc)}` : `/documents/${escape(doc)}`;
  return `${section}${issue.path}`;
}
const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Template pack import, upgrade and dry run. One transaction: the pack's documents are
 * merged with what is published and published (tables created or altered by the publish
 * hooks), its org units synced, demo users created and demo records loaded through the
 * records module's bulk path, and the installation recorded. Any error rolls all of it
 * back. Every step uses the transaction's manager: nothing asks the pool for a second
 * connection while the transaction holds one (PGlite has a pool of one).
 */
@Injectable()
export class PackImportService {
  private readonly logger = new Logger('Packs');

  constructor(
    private readonly dataSource: DataSource,
    private readonly installations: PackInstallationRepository,
    private readonly publisher: MetadataPublishService,
    private readonly orgUnits: OrgUnitsService,
    private readonly identity: IdentityImportService,
    private readonly records: RecordImportService,
    private readonly audit: AuditService,
    private readonly config: AppConfigService,
  ) {}

  /** Validates a bundle like `tessera pack validate` does; 422 with a pointer into the bundle per problem. */
  check(value: unknown): CheckedPack {
    const report = validateBundle(value);
    const bundle = value as PackBundle;
    const errors: ErrorItem[] = report.issues.filter((i) => i.severity === 'error').map((i) => ({ path: bundlePointer(bundle, i), code: i.code, message: i.message }));
    if (!report.valid || !report.manifest) {
      throw new UserError({ status: 422, code: 'pack-invalid', title: 'The pack is not valid', detail: `${errors.length} problem(s)`, errors });
    }
    const manifest = report.manifest;
    const range = manifest.requires?.tessera;
    if (range && !satisfiesRange(PLATFORM_VERSION, range)) {
      throw new UserError({ status: 422, code: 'pack-platform', title: 'The pack needs another platform version', errors: [{ path: '/manifest/requires/tessera', code: 'pack.platform', message: `needs tessera ${range}; this is ${PLATFORM_VERSION}` }] });
    }
    const entries: PackDocumentEntry[] = manifest.contents.map((path) => ({ path, name: documentName(bundle.documents[path] as MetadataDocument), document: bundle.documents[path] }));
    const demo = (manifest.demo ?? []).filter((p) => bundle.demo && p in bundle.demo).map((path) => ({ path, doc: bundle.demo![path] as DemoData }));
    const checksum = createHash('sha256').update(canonicalJson({ manifest, documents: bundle.documents })).digest('hex');
    return { manifest, bundle, documents: entries.map((e) => e.document as MetadataDocument), entries, demo, checksum };
  }

  async import(value: unknown, actor: Actor, opts: PackImportOptions = {}): Promise<PackImportResult> {
    const pack = this.check(value);
    const started = Date.now();
    return this.inTransaction(async (qr) => {
      const { result, pending } = await this.apply(qr, pack, actor, opts, false);
      return { result: { ...result, durationMs: Date.now() - started }, pending };
    }, 'commit');
  }

  /** What importing the bundle would change, found by running the import and rolling it back (demo records are counted, not written). */
  async plan(value: unknown, actor: Actor, opts: PackImportOptions = {}): Promise<PackPlan> {
    const pack = this.check(value);
    return this.inTransaction(async (qr) => ({ result: await this.dryRun(qr, pack, actor, opts) }), 'rollback');
  }

  private async inTransaction<T>(work: (qr: QueryRunner) => Promise<{ result: T; pending?: PendingPublish }>, end: 'commit' | 'rollback'): Promise<T> {
    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    try {
      const { result, pending } = await work(qr);
      if (end === 'commit') await qr.commitTransaction();
      else await qr.rollbackTransaction();
      if (end === 'commit') pending?.adopt();
      return result;
    } catch (error) {
      if (qr.isTransactionActive) await qr.rollbackTransaction();
      throw error;
    } finally {
      await qr.release();
    }
  }

  private async dryRun(qr: QueryRunner, pack: CheckedPack, actor: Actor, opts: PackImportOptions): Promise<PackPlan> {
    const base = { pack: { name: pack.manifest.name, version: pack.manifest.version } };
    const installed = await this.installations.find(pack.manifest.name, qr.manager);
    const previousVersion = installed?.version ?? null;
    const action = actionOf(previousVersion, pack.manifest.version);
    const latest = await this.publisher.latestDocuments(qr.manager);
    const merged = mergePackDocuments(latest, { name: pack.manifest.name, documents: pack.documents }, await this.ownership(qr.manager));
    const diff = diffMetadata(latest, merged.next);
    const errors: ErrorItem[] = [];
    let orgUnits: OrgSyncResult | null = null;
    let demo: PackPlan['demo'] = null;
    // Stored data is only checked when the publish gets that far (a conflict stops it before).
    let dataChecked = true;
    try {
      const { result } = await this.apply(qr, pack, actor, { ...opts, demoData: false }, true);
      orgUnits = result.orgUnits;
      if (opts.demoData && !installed?.demoLoadedAt) demo = await this.countDemo(qr.manager, pack);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      errors.push(...(error.errors?.length ? error.errors : [{ path: '', code: error.code, message: error.title }]));
      dataChecked = error.code === 'destructive-change';
    }
    const blocked = new Set(errors.map((e) => e.path));
    const risks = diff.risks.map((r) => {
      const index = merged.next.findIndex((d) => d.kind === 'object' && d.key === r.object);
      return { ...r, destructive: dataChecked ? blocked.has(`/documents/${index}${r.path}`) : null };
    });
    const unsafe = new Set(risks.filter((r) => r.destructive !== false).map((r) => `object:${r.object}`));
    const documents = diff.documents.map((d) => ({ ...d, safe: !unsafe.has(d.name) }));
    return { ...base, previousVersion, action, ok: errors.length === 0, documents, risks, errors, orgUnits, demo };
  }

  private async ownership(m: EntityManager) {
    return (await this.installations.all(m)).map((i) => ({ pack: i.name, names: i.documents.map((d) => d.name) }));
  }

  private async apply(qr: QueryRunner, pack: CheckedPack, actor: Actor, opts: PackImportOptions, dryRun: boolean): Promise<{ result: Omit<PackImportResult, 'durationMs'>; pending: PendingPublish }> {
    const m = qr.manager;
    const { name, version } = pack.manifest;
    await this.installations.lock(m);
    const all = await this.installations.all(m);
    const installed = all.find((i) => i.name === name);
    this.checkRequiredPacks(pack.manifest, all);
    const action = actionOf(installed?.version ?? null, version);
    if (action === 'downgrade' && !opts.allowDowngrade) {
      throw new UserError({ status: 409, code: 'pack-downgrade', title: 'A newer version of this pack is installed', errors: [{ path: '/manifest/version', code: 'pack.downgrade', message: `${name} ${installed!.version} is installed; importing ${version} would go back (allow it with allowDowngrade)` }] });
    }

    let removed: string[] = [];
    const pending = await this.publisher.publishWithin(qr, {
      retire: opts.retire,
      note: `pack ${name} ${version}`,
      publishedBy: actor.kind === 'system' ? null : actor.userId,
      documents: (previous) => {
        const merged = mergePackDocuments(previous, { name, documents: pack.documents }, all.map((i) => ({ pack: i.name, names: i.documents.map((d) => d.name) })));
        if (merged.conflicts.length > 0) {
          throw new UserError({
            status: 409, code: 'pack-conflict', title: 'The pack would replace documents it does not own',
            errors: merged.conflicts.map((c) => ({ path: `/documents/${escape(pack.entries.find((e) => e.name === c.name)!.path)}`, code: 'pack.conflict', message: `${c.name} is already published ${c.owner ? `by pack ${c.owner}` : 'outside any pack'}` })),
          });
        }
        removed = merged.removed;
        return merged.next;
      },
    });
    const meta = new PublishedMetadata(pending.result.version, pending.documents);
    const org = pack.documents.find((d): d is OrgDefinition => d.kind === 'org');
    if (org) this.checkUnitOwnership(org, pack, all);
    const orgUnits = org ? await this.orgUnits.syncOrgUnits(org, m) : null;

    const wantsDemo = opts.demoData === true && pack.demo.length > 0;
    const demo = wantsDemo && !dryRun ? (installed?.demoLoadedAt ? this.skippedDemo() : await this.loadDemo(m, meta, pack, actor, opts)) : null;

    if (!dryRun) {
      await this.installations.save(m, {
        name, version, manifest: pack.manifest as unknown as Record<string, unknown>, documents: pack.entries, checksum: pack.checksum,
        metadataVersion: pending.result.version, installedBy: actor.kind === 'system' ? null : actor.userId, demoLoaded: demo !== null && !demo.skipped,
      });
      await this.audit.record({
        action: 'pack.imported', ...(actor.kind === 'system' && { actorId: null, actorName: 'system' }),
        target: { type: 'pack', id: name },
        details: { version, previousVersion: installed?.version ?? null, action, metadataVersion: pending.result.version, removed, demo: demo && { records: demo.records, users: demo.users } },
      }, m);
      this.logger.log(`Imported pack ${name} ${version} (${action}; metadata version ${pending.result.version}${demo && !demo.skipped ? `; ${Object.values(demo.records).reduce((a, b) => a + b, 0)} demo records` : ''})`);
    }
    const result = {
      pack: { name, version }, previousVersion: installed?.version ?? null, action,
      metadata: { version: pending.result.version, unchanged: pending.result.unchanged, documents: pending.result.diff.documents, risks: pending.result.diff.risks },
      orgUnits, demo,
    };
    return { result, pending };
  }

  /** Units are synced by key: a unit another installed pack brought must not be taken over (renamed or moved). */
  private checkUnitOwnership(org: OrgDefinition, pack: CheckedPack, installed: readonly PackInstallation[]): void {
    const owners = new Map<string, string>();
    for (const i of installed) {
      if (i.name === pack.manifest.name) continue;
      const theirs = i.documents.find((d) => d.name.startsWith('org:'))?.document as OrgDefinition | undefined;
      for (const u of theirs?.units ?? []) owners.set(u.key, i.name);
    }
    const path = pack.entries.find((e) => e.name.startsWith('org:'))!.path;
    const errors = org.units
      .map((u, i) => ({ u, i, owner: owners.get(u.key) }))
      .filter((x) => x.owner !== undefined)
      .map(({ u, i, owner }) => ({ path: `/documents/${escape(path)}/units/${i}/key`, code: 'pack.conflict', message: `org unit ${u.key} belongs to pack ${owner}` }));
    if (errors.length > 0) throw new UserError({ status: 409, code: 'pack-conflict', title: 'The pack would take over org units of another pack', errors });
  }

  private checkRequiredPacks(manifest: PackManifest, installed: ReadonlyArray<{ name: string; version: string }>): void {
    const errors: ErrorItem[] = [];
    for (const [dep, range] of Object.entries(manifest.requires?.packs ?? {})) {
      const have = installed.find((i) => i.name === dep);
      if (!have || !satisfiesRange(have.version, range)) {
        errors.push({ path: `/manifest/requires/packs/${escape(dep)}`, code: 'pack.requires', message: `needs pack ${dep} ${range}; ${have ? `${have.version} is installed` : 'it is not installed'}` });
      }
    }
    if (errors.length > 0) throw new UserError({ status: 409, code: 'pack-requires', title: 'The pack needs other packs first', errors });
  }

  private skippedDemo(): NonNullable<PackImportResult['demo']> {
    return { skipped: 'already-loaded', users: { created: 0, existing: 0 }, accounts: [], records: {}, warnings: {} };
  }

  private demoOwners(users: readonly DemoUserPlan[], units: ReadonlyMap<string, { id: string; label: { 'zh-CN': string } }>): DemoOwner[] {
    return users.map((u) => ({ login: u.login, unit: u.orgUnit, unitName: u.orgUnit ? units.get(u.orgUnit)?.label['zh-CN'] : undefined, roles: u.roles }));
  }

  /** Demo users and records, inside the import transaction. */
  private async loadDemo(m: EntityManager, meta: PublishedMetadata, pack: CheckedPack, actor: Actor, opts: PackImportOptions): Promise<NonNullable<PackImportResult['demo']>> {
    const units = await this.identity.unitsByKey(m);
    const docs = pack.demo.map((d) => d.doc);
    const plans = expandDemoUsers(docs, new Map([...units].map(([k, u]) => [k, u.label])));
    const given = opts.demoPassword ?? this.config.get('DEMO_PASSWORD');
    const password = given ?? randomBytes(9).toString('base64url');
    const unitId = (key: string | undefined, at: string) => {
      if (key === undefined) return null;
      const u = units.get(key);
      if (!u) throw new UserError({ status: 422, code: 'import-unknown-unit', title: 'Unknown org unit', errors: [{ path: at, code: 'ref.unknown-unit', message: `org unit ${key} does not exist` }] });
      return u.id;
    };
    const imported = await this.identity.importUsers(
      m,
      plans.map((p) => ({ username: p.login, displayName: p.name, orgUnitId: unitId(p.orgUnit, '/demo'), roles: p.roles, manages: p.manages, locale: p.locale })),
      password,
      `pack:${pack.manifest.name}`,
    );
    const logins = new Map(imported.map((u) => [u.username.toLowerCase(), u]));

    const expansion = new DemoExpansion({
      objects: new Map(meta.objects().map((o) => [o.key, o])),
      users: this.demoOwners(plans, units),
      now: new Date(),
      newId: uuidv7,
    });
    const records: Record<string, number> = {};
    const warnings: Record<string, Record<string, number>> = {};
    for (const { path, doc } of pack.demo) {
      if (doc.object === undefined) continue;
      let rows;
      try {
        rows = await expansion.add(path, doc);
      } catch (error) {
        if (!(error instanceof DemoDataError)) throw error;
        throw new UserError({ status: 422, code: 'import-demo-invalid', title: 'The demo data cannot be generated', errors: [{ path: `/demo/${escape(path)}${error.path}`, code: 'demo.generate', message: error.message }] });
      }
      const missing = [...new Set(rows.map((r) => r.owner).filter((o): o is string => o !== undefined && !logins.has(o.toLowerCase())))];
      for (const [login, u] of await this.identity.usersByLogin(m, missing)) logins.set(login, { id: u.id, username: login, orgUnitId: u.orgUnitId, created: false });
      const pipeline = meta.ofKind('pipeline').find((p) => p.object === doc.object);
      const firstStage = pipeline?.stages.find((s) => (s.type ?? 'open') === 'open')?.key;
      // A separate sequence from the values', so asking for a history changes no generated value.
      const historyRandom = pipeline && doc.generate?.stageHistory ? seededRandom(seedOf(`${doc.key}:stage-history`)) : undefined;
      const importedAt = new Date();
      const inputs: ImportRecordInput[] = rows.map((row, i) => {
        const owner = row.owner ? logins.get(row.owner.toLowerCase()) : undefined;
        if (row.owner && !owner) {
          throw new UserError({ status: 422, code: 'import-unknown-owner', title: 'Unknown owner', errors: [{ path: `/demo/${escape(path)}/records/${i}/owner`, code: 'demo.owner', message: `no user ${row.owner}` }] });
        }
        const values = { ...row.values };
        if (pipeline) values[pipeline.stageField] = row.stage ?? firstStage;
        const stagePath = historyRandom && row.createdAt ? synthesizeStagePath(pipeline!, String(values[pipeline!.stageField]), new Date(row.createdAt), importedAt, historyRandom) : undefined;
        return {
          id: row.id,
          values,
          ownerId: owner?.id ?? actor.userId,
          orgUnitId: row.orgUnit ? unitId(row.orgUnit, `/demo/${escape(path)}`) : owner ? owner.orgUnitId : actor.orgUnitId,
          createdAt: row.createdAt,
          ...(stagePath && { hookData: { [STAGE_PATH]: stagePath } }),
        };
      });
      const done = await this.records.importRecords(m, meta, doc.object, inputs, { actorId: actor.userId, source: `demo/${escape(path)}`, note: { pack: pack.manifest.name, version: pack.manifest.version } });
      records[doc.object] = (records[doc.object] ?? 0) + done.inserted;
      if (Object.keys(done.warnings).length > 0) warnings[doc.object] = { ...(warnings[doc.object] ?? {}), ...done.warnings };
    }
    const created = imported.filter((u) => u.created).length;
    return {
      users: { created, existing: imported.length - created },
      accounts: accountsPerRole(plans, meta),
      ...(given === undefined && created > 0 && { password }),
      records,
      warnings,
    };
  }

  /** For a plan: how many demo users and records the import would create. */
  private async countDemo(m: EntityManager, pack: CheckedPack): Promise<NonNullable<PackPlan['demo']>> {
    const units = await this.identity.unitsByKey(m);
    const users = expandDemoUsers(pack.demo.map((d) => d.doc), new Map([...units].map(([k, u]) => [k, u.label])));
    const records: Record<string, number> = {};
    for (const { doc } of pack.demo) {
      if (doc.object === undefined) continue;
      records[doc.object] = (records[doc.object] ?? 0) + (doc.records?.length ?? 0) + (doc.generate?.count ?? 0);
    }
    return { users: users.length, records };
  }
}

/** The first demo user of each role, in the order the pack's roles are published. */
function accountsPerRole(plans: readonly DemoUserPlan[], meta: PublishedMetadata): DemoUserSummary[] {
  const out: DemoUserSummary[] = [];
  for (const role of meta.roles()) {
    const u = plans.find((p) => p.roles.includes(role.key));
    if (u) out.push({ role: role.key, username: u.login, name: u.name });
  }
  return out;
}

function actionOf(installed: string | null, next: string): PackAction {
  if (installed === null) return 'install';
  const c = compareSemver(next, installed);
  return c > 0 ? 'upgrade' : c === 0 ? 'reinstall' : 'downgrade';
}

