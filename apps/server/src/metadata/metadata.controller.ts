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
  /** With `documents`: the version they were edited from (the designer sends its draft's base). */
  baseVersion?: number;
  /** Publish although the published version moved on since the draft was started. */
  overwrite?: boolean;
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
  async saveDraft(@CurrentActor() actor: Actor, @Body() body: { documents?: unknown; baseVersion?: unknown }) {
    await this.need(actor, 'design');
    if (!Array.isArray(body?.documents)) {
      throw new UserError({ status: 400, code: 'body-invalid', title: 'documents must be an array', errors: [{ path: '/documents', code: 'type', message: 'expected an array' }] });
    }
    if (body.baseVersion !== undefined && body.baseVersion !== null && !(Number.isInteger(body.baseVersion) && (body.baseVersion as number) >= 0)) {
      throw new UserError({ status: 400, code: 'body-invalid', title: 'baseVersion must be a version number', errors: [{ path: '/baseVersion', code: 'type', message: 'expected a non-negative integer' }] });
    }
    // The base is the version the draft was started from: kept across saves, so a
    // publish can tell that someone else (or a pack import) published in between.
    const existing = await this.drafts.find();
    const base = typeof body.baseVersion === 'number' ? body.baseVersion : existing ? existing.baseVersion : (await this.runtime.get()).version || null;
    return this.drafts.save(body.documents as StoredDocument[], base, actor.userId);
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
    const draft = body?.documents ? null : await this.drafts.find();
    const documents = body?.documents ?? (draft?.documents as unknown[] | undefined);
    if (!documents) throw new UserError({ status: 422, code: 'nothing-to-publish', title: 'No draft to publish', errors: [{ path: '/documents', code: 'required', message: 'send documents or save a draft first' }] });
    const current = (await this.runtime.get()).version;
    const base = draft ? (draft.baseVersion ?? 0) : typeof body?.baseVersion === 'number' ? body.baseVersion : undefined;
    if (base !== undefined && base < current && body?.overwrite !== true) {
      throw new UserError({
        status: 409,
        code: 'draft-stale',
        title: 'The draft is older than the published metadata',
        detail: `The draft was started from version ${base}; version ${current} has been published since. Publishing it would undo those changes: load the published version into the draft, or publish with "overwrite": true.`,
        errors: [{ path: '/overwrite', code: 'draft.stale', message: `draft base ${base} < published ${current}` }],
        extensions: { baseVersion: base, publishedVersion: current },
      });
    }
    const published = await this.publisher.publish({ documents, retire: body?.retire === true, note: body?.note ?? null, publishedBy: actor.userId });
    // The draft is now the published version: the next edit starts from it.
    if (draft) await this.drafts.remove();
    return published;
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
