import { Injectable } from '@nestjs/common';
import type { MetadataDocument, PackBundle } from '@tessera/metadata';
import { DataSource } from 'typeorm';
import { UserError } from '../common/errors/user.error';
import { MetadataPublishService } from '../metadata/metadata-publish.service';
import { buildPackExport } from './pack-export.build';
import { PackInstallationRepository, type PackInstallation } from './pack-installation.repository';

export type PackSummary = Omit<PackInstallation, 'documents' | 'manifest'> & { label: unknown; description: unknown; documents: number };

/** Installed packs: the list, and the export of one as a bundle of its current metadata. */
@Injectable()
export class PackExportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly installations: PackInstallationRepository,
    private readonly publisher: MetadataPublishService,
  ) {}

  async list(): Promise<PackSummary[]> {
    return (await this.installations.all()).map(({ documents, manifest, ...rest }) => ({ ...rest, label: manifest.label, description: manifest.description, documents: documents.length }));
  }

  async export(name: string): Promise<PackBundle> {
    // One short transaction: the installation and the version it is exported from are read together.
    return this.dataSource.transaction(async (m) => {
      const installation = await this.installations.find(name, m);
      if (!installation) throw new UserError({ status: 404, code: 'pack-not-installed', title: 'No such pack', detail: `Pack ${name} is not installed` });
      const published: MetadataDocument[] = await this.publisher.latestDocuments(m);
      return buildPackExport(installation, published);
    });
  }
}
