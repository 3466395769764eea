import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { RawListQuery } from '@tessera/engine';
import type { Response } from 'express';
import { once } from 'node:events';
import type { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/current-actor.decorator';
import { RecordExportService } from './record-export.service';

/**
 * GET /api/objects/:object/records/export.csv — the record list (filter, sort, q, fields)
 * as CSV, streamed batch by batch. Registered before the records controller so that
 * `export.csv` is not taken for a record id.
 */
@Controller('objects/:object/records')
export class RecordExportController {
  constructor(private readonly exports: RecordExportService) {}

  @Get('export.csv')
  async csv(@CurrentActor() actor: Actor, @Param('object') object: string, @Query() query: RawListQuery, @Res() res: Response): Promise<void> {
    const file = await this.exports.open(actor, object, query);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    // Object keys are [a-z0-9_]: the name needs no encoding.
    res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    res.setHeader('Cache-Control', 'no-store');
    let complete = false;
    try {
      for await (const chunk of file.chunks()) {
        if (res.destroyed) break;
        // Back-pressure: wait for the client to read (or go away) before the next batch.
        if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
      }
      complete = !res.destroyed;
      res.end();
    } catch (e) {
      // Headers are gone: all a client can be told is that the download broke off.
      res.destroy(e as Error);
    } finally {
      await file.audit(complete);
    }
  }
}
