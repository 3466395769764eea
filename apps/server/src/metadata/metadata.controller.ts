import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put } from '@nestjs/common';
import { diffMetadata, type MetadataDocument } from '@tessera/metadata';
import { UserError } from '../common/errors/user.error';
import type { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/current-actor.decorator';
import { assertCapability } from './metadata-capability';
import { MetadataDraftRepository } from './metadata-draft.repository';
import { assertValidMetadata, MetadataPublishService } from './metadata-publish.service';
import { MetadataRuntime } from './metadata-runtime.service';
import type { StoredDocument } from './metadata-version';
import { MetadataVersionRepository } from './metadata-version.repository';

interface PublishBody {
  documents?: unknown[];
  retire?: boolean;
  note?: string;
}

/** Drafts, validation, diff preview, publishing and version history. */
@Controller('metadata')
export class MetadataController {
  constructor(
    private readonly drafts: MetadataDraftRepository,
    private readonly versions: MetadataVersionRepository,
    private readonly publisher: MetadataPublishService,
    private readonly runtime: MetadataRuntime,
  ) {}

  /** The published metadata every signed-in user's UI renders from. */
  @Get('current')
  async current() {
    const meta = await this.runtime.get();
    return { version: meta.version, documents: meta.documents };
  }

  @Get('draft')
  async draft(@CurrentActor() actor: Actor) {
    await this.need(actor, 'design');
    const draft = await this.drafts.find();
    if (draft) return draft;
    const meta = await this.runtime.get();
    return { id: 'current', documents: meta.documents, baseVersion: meta.version || null, updatedAt: null, updatedBy: null };
  }

  /** Saves the whole draft. Invalid drafts are kept (the designer shows their errors). */
  @Put('draft')
  async saveDraft(@CurrentActor() actor: Actor, @Body() body: { documents?: unknown }) {
    await this.need(actor, 'design');
    if (!Array.isArray(body?.documents)) {
      throw new UserError({ status: 400, code: 'body-invalid', title: 'documents must be an array', errors: [{ path: '/documents', code: 'type', message: 'expected an array' }] });
    }
    const meta = await this.runtime.get();
    return this.drafts.save(body.documents as StoredDocument[], meta.version || null, actor.userId);
  }

  @Post('draft/validate')
  @HttpCode(200)
  async validate(@CurrentActor() actor: Actor) {
    await this.need(actor, 'design');
    assertValidMetadata(((await this.drafts.find())?.documents ?? []) as unknown[]);
    return { valid: true };
  }

  /** What publishing the draft (or the documents given) would change. */
  @Post('diff')
  @HttpCode(200)
  async diff(@CurrentActor() actor: Actor, @Body() body: { documents?: unknown[] }) {
    await this.need(actor, 'design');
    const documents = body?.documents ?? ((await this.drafts.find())?.documents as unknown[] | undefined) ?? [];
    return this.publisher.preview(documents);
  }

  @Post('publish')
  @HttpCode(200)
  async publish(@CurrentActor() actor: Actor, @Body() body: PublishBody) {
    await this.need(actor, 'publish');
    const documents = body?.documents ?? ((await this.drafts.find())?.documents as unknown[] | undefined);
    if (!documents) throw new UserError({ status: 422, code: 'nothing-to-publish', title: 'No draft to publish', errors: [{ path: '/documents', code: 'required', message: 'send documents or save a draft first' }] });
    return this.publisher.publish({ documents, retire: body?.retire === true, note: body?.note ?? null, publishedBy: actor.userId });
  }

  @Get('versions')
  async list(@CurrentActor() actor: Actor) {
    await this.need(actor, 'design');
    return { items: await this.versions.list() };
  }

  @Get('versions/:version')
  async version(@CurrentActor() actor: Actor, @Param('version', ParseIntPipe) version: number) {
    await this.need(actor, 'design');
    const row = await this.versions.findByVersion(version);
    if (!row) throw new UserError({ status: 404, code: 'version-not-found', title: 'No such version', detail: `Version ${version} does not exist` });
    const previous = version > 1 ? await this.versions.findByVersion(version - 1) : null;
    return { ...row, diff: diffMetadata((previous?.documents ?? []) as unknown as MetadataDocument[], row.documents as unknown as MetadataDocument[]) };
  }

  private async need(actor: Actor, capability: 'design' | 'publish'): Promise<void> {
    assertCapability(actor, (await this.runtime.get()).roles(), capability);
  }
}
