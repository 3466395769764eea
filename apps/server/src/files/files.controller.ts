import { Controller, Delete, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { requestIdOf } from '../common/request-id';
import type { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/current-actor.decorator';
import { contentDisposition } from './content-disposition';
import type { FileAttachment } from './file-attachment';
import { uuidOr404 } from './file-access.service';
import { fileNotFound } from './file-errors';
import { FilesService } from './files.service';
import { UserError } from '../common/errors/user.error';
import { recordIdParam } from '../common/uuid';

const recordId = recordIdParam;
const fileId = (id: string) => uuidOr404(id, () => fileNotFound(id));

/** One query value or none (`?field=a&field=b` is refused rather than half-read). */
function single(value: unknown, name: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new UserError({ status: 400, code: 'query-invalid', title: 'The query is invalid', errors: [{ path: `/${name}`, code: 'query.single', message: `give ${name} once` }] });
  return value;
}

/** Attachments of records: /api/objects/:object/records/:id/files and /api/files/:fileId */
@Controller()
export class FilesController {
  constructor(private readonly files: FilesService) {}

  /** multipart/form-data: `category`, optional `note`, then one or more `file` parts. */
  @Post('objects/:object/records/:id/files/:field')
  async upload(
    @CurrentActor() actor: Actor,
    @Param('object') object: string,
    @Param('id') id: string,
    @Param('field') field: string,
    @Req() req: Request,
  ): Promise<{ items: FileAttachment[] }> {
    return { items: await this.files.upload(actor, object, recordId(id), field, req, requestIdOf(req)) };
  }

  @Get('objects/:object/records/:id/files')
  async list(
    @CurrentActor() actor: Actor,
    @Param('object') object: string,
    @Param('id') id: string,
    @Query('field') field?: unknown,
    @Query('category') category?: unknown,
  ): Promise<{ items: FileAttachment[] }> {
    return { items: await this.files.list(actor, object, recordId(id), { field: single(field, 'field'), category: single(category, 'category') }) };
  }

  @Get('files/:fileId')
  get(@CurrentActor() actor: Actor, @Param('fileId') id: string): Promise<FileAttachment> {
    return this.files.get(actor, fileId(id));
  }

  /** The bytes, with the permission of the record; ETag is the SHA-256, so a cached copy revalidates cheaply. */
  @Get('files/:fileId/content')
  async content(@CurrentActor() actor: Actor, @Param('fileId') id: string, @Res() res: Response, @Headers('if-none-match') ifNoneMatch?: string): Promise<void> {
    const { file, content } = await this.files.open(actor, fileId(id));
    const etag = `"${file.sha256}"`;
    res.setHeader('ETag', etag);
    // Re-checked on every use: access can change while the bytes do not.
    res.setHeader('Cache-Control', 'private, no-cache');
    // Uploaded bytes are never rendered as this origin's page (no sniffing into HTML, no scripts).
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    if (ifNoneMatch?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
      res.status(304).end();
      return;
    }
    const stream = await content();
    res.status(200);
    res.setHeader('Content-Type', file.mimeType);
    res.setHeader('Content-Length', String(file.size));
    res.setHeader('Content-Disposition', contentDisposition(file.fileName));
    try {
      await pipeline(stream, res);
    } catch {
      // The client went away or the disk failed mid-way; the status line is already sent.
      res.destroy();
    }
  }

  @Delete('files/:fileId')
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param('fileId') id: string, @Req() req: Request): Promise<void> {
    await this.files.remove(actor, fileId(id), requestIdOf(req));
  }
}
