import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** One document a pack brought: where it sits in the pack and what it is. */
export interface PackDocumentEntry {
  path: string;
  /** kind:key */
  name: string;
  /** The document as imported (org documents are exported from here: they are synced, not published). */
  document: unknown;
}

export interface PackInstallation {
  name: string;
  version: string;
  manifest: Record<string, unknown>;
  documents: PackDocumentEntry[];
  checksum: string;
  metadataVersion: number;
  installedAt: Date;
  installedBy: string | null;
  updatedAt: Date;
  demoLoadedAt: Date | null;
}

type Row = Record<string, unknown>;

const toInstallation = (r: Row): PackInstallation => ({
  name: r.name as string,
  version: r.version as string,
  manifest: r.manifest as Record<string, unknown>,
  documents: r.documents as PackDocumentEntry[],
  checksum: r.checksum as string,
  metadataVersion: Number(r.metadata_version),
  installedAt: r.installed_at as Date,
  installedBy: (r.installed_by as string | null) ?? null,
  updatedAt: r.updated_at as Date,
  demoLoadedAt: (r.demo_loaded_at as Date | null) ?? null,
});

/** Every statement on `pack_installation`. */
@Injectable()
export class PackInstallationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async all(m?: EntityManager): Promise<PackInstallation[]> {
    const rows: Row[] = await (m ?? this.dataSource.manager).query(`SELECT * FROM "pack_installation" ORDER BY "name"`);
    return rows.map(toInstallation);
  }

  async find(name: string, m?: EntityManager): Promise<PackInstallation | undefined> {
    const rows: Row[] = await (m ?? this.dataSource.manager).query(`SELECT * FROM "pack_installation" WHERE "name" = $1`, [name]);
    return rows[0] && toInstallation(rows[0]);
  }

  /** Serializes pack imports (and the start-up seeding of several instances) until commit. */
  async lock(m: EntityManager): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('tessera.pack-installation'))`);
  }

  /** Whether anything was ever published or installed: seeding only happens on an empty platform. */
  async isPristine(m?: EntityManager): Promise<boolean> {
    const [row] = await (m ?? this.dataSource.manager).query(
      `SELECT (SELECT count(*) FROM "pack_installation")::int AS "packs", (SELECT count(*) FROM "metadata_version")::int AS "versions"`,
    );
    return row.packs === 0 && row.versions === 0;
  }

  async save(
    m: EntityManager,
    i: Omit<PackInstallation, 'installedAt' | 'updatedAt' | 'demoLoadedAt'> & { demoLoaded: boolean },
  ): Promise<void> {
    await m.query(
      `INSERT INTO "pack_installation" ("name", "version", "manifest", "documents", "checksum", "metadata_version", "installed_by", "demo_loaded_at")
       VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6, $7::uuid, CASE WHEN $8 THEN now() END)
       ON CONFLICT ("name") DO UPDATE SET
         "version" = EXCLUDED."version", "manifest" = EXCLUDED."manifest", "documents" = EXCLUDED."documents",
         "checksum" = EXCLUDED."checksum", "metadata_version" = EXCLUDED."metadata_version", "installed_by" = EXCLUDED."installed_by",
         "updated_at" = now(),
         "demo_loaded_at" = COALESCE("pack_installation"."demo_loaded_at", EXCLUDED."demo_loaded_at")`,
      [i.name, i.version, JSON.stringify(i.manifest), JSON.stringify(i.documents), i.checksum, i.metadataVersion, i.installedBy, i.demoLoaded],
    );
  }
}
