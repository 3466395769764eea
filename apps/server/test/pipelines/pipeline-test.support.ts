import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import type { ApprovalOutcome } from '@tessera/engine';
import { GateFactsProviders } from '../../src/pipelines/gate-facts.providers';
import { PipelinesModule } from '../../src/pipelines/pipelines.module';
import type { ApiClient } from '../support/api-client';

/** Approval outcomes set by a test, until the approvals module registers the real provider. */
@Injectable()
export class TestApprovals {
  readonly outcomes = new Map<string, Record<string, ApprovalOutcome>>();
}

/** Registers TestApprovals as the `approvals` fact provider, the way the approvals module will. */
@Module({ imports: [PipelinesModule], providers: [TestApprovals] })
export class TestApprovalsModule implements OnModuleInit {
  constructor(
    private readonly providers: GateFactsProviders,
    private readonly approvals: TestApprovals,
  ) {}

  onModuleInit(): void {
    this.providers.register({ name: 'test.approvals', kind: 'approvals', collect: async ({ recordId }) => this.approvals.outcomes.get(recordId) ?? {} });
  }
}

/** Polls `probe` until it returns something truthy; fails after `ms`. */
export async function eventually<T>(probe: () => Promise<T>, ms = 20_000, what = 'condition'): Promise<NonNullable<T>> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Uploads one small PDF to an attachment field, under a category. */
export async function uploadPdf(api: ApiClient, token: string, path: string, category: string): Promise<{ status: number; body: unknown }> {
  const data = new FormData();
  data.append('category', category);
  data.append('file', new Blob([Buffer.from('%PDF-1.7\nstage gate test\n')], { type: 'application/pdf' }), 'survey.pdf');
  const res = await fetch(api.baseUrl + path, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: data });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
