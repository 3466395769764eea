import { Injectable } from '@nestjs/common';
import type { GateFacts } from '@tessera/engine';

/** The record a gate is about. */
export interface GateFactsRequest {
  object: string;
  recordId: string;
}

/**
 * A module that knows a kind of fact about records and contributes it to stage gates
 * without the pipelines module importing it: the files module counts attachments by
 * field and category, the approvals module reports the latest outcome per flow.
 * Providers are asked outside any transaction and answer from committed data.
 */
export type GateFactsProvider =
  | { readonly name: string; readonly kind: 'attachments'; collect(request: GateFactsRequest): Promise<GateFacts['attachments']> }
  | { readonly name: string; readonly kind: 'approvals'; collect(request: GateFactsRequest): Promise<GateFacts['approvals']> };

export type ProvidedFact = GateFactsProvider['kind'];

/** Where modules register their fact providers (from their onModuleInit). */
@Injectable()
export class GateFactsProviders {
  private readonly providers: GateFactsProvider[] = [];

  register(provider: GateFactsProvider): void {
    if (!this.providers.some((p) => p.name === provider.name)) this.providers.push(provider);
  }

  of<K extends ProvidedFact>(kind: K): Array<Extract<GateFactsProvider, { kind: K }>> {
    return this.providers.filter((p): p is Extract<GateFactsProvider, { kind: K }> => p.kind === kind);
  }
}
