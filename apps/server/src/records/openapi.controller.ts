import { Controller, Get } from '@nestjs/common';
import { MetadataRuntime } from '../metadata/metadata-runtime.service';
import { buildOpenApi } from './openapi.build';

/** /api/openapi.json: the record API of the published version. */
@Controller()
export class OpenApiController {
  private cache?: { version: number; doc: Record<string, unknown> };

  constructor(private readonly runtime: MetadataRuntime) {}

  @Get('openapi.json')
  async openapi(): Promise<Record<string, unknown>> {
    const meta = await this.runtime.get();
    if (this.cache?.version !== meta.version) this.cache = { version: meta.version, doc: buildOpenApi(meta.objects(), meta.version) };
    return this.cache.doc;
  }
}
