import { Injectable, Logger } from '@nestjs/common';
import { AppConfigService } from '../config/app-config.service';
import { PermanentJobError, type JobHandler, type RunningJob } from '../jobs/job';
import { JobsService } from '../jobs/jobs.service';
import type { OutboxEvent } from '../outbox/outbox-event';
import { WEBHOOK_REQUESTED, type WebhookRequest } from './effects/webhook.effect';
import { SIGNATURE_HEADER, signWebhook, webhookSecret } from './webhook.sign';

/** Answers that trying again may change: timeouts, rate limits, server errors. */
const retryable = (status: number) => status === 408 || status === 429 || status >= 500;

/**
 * Delivers webhooks an automation run requested: POST of the JSON body with
 * `X-Tessera-Signature: sha256=<HMAC-SHA256 of the body>` (when the action names a
 * secret), `X-Tessera-Delivery` (the same id on every try, for the receiver to dedupe)
 * and a timeout. Failures are retried `retries` times with exponential backoff, then the
 * delivery goes to the dead-letter list. A 2xx marks the delivery done.
 */
@Injectable()
export class WebhookHandler implements JobHandler {
  readonly name = 'webhook';
  private readonly logger = new Logger('Webhooks');

  constructor(
    private readonly jobs: JobsService,
    private readonly config: AppConfigService,
  ) {}

  accepts(event: OutboxEvent): boolean {
    return event.type === WEBHOOK_REQUESTED;
  }

  policy(event: OutboxEvent) {
    const retries = Number((event.payload as unknown as WebhookRequest).retries ?? 3);
    return { attempts: retries + 1, backoffMs: this.config.get('JOB_BACKOFF') };
  }

  async run(job: RunningJob): Promise<void> {
    const request = job.data.event.payload as unknown as WebhookRequest;
    if (await this.jobs.isProcessed(this.name, request.deliveryId)) return;
    const body = JSON.stringify(request.body ?? null);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'Tessera-Webhook/1',
      'x-tessera-delivery': request.deliveryId,
      'x-tessera-automation': request.automation,
      'x-tessera-attempt': String(job.attempt),
    };
    if (request.secret !== undefined) {
      const secret = webhookSecret(request.secret);
      if (!secret) throw new PermanentJobError(`webhook secret ${request.secret} is not configured (set WEBHOOK_SECRET_${request.secret.toUpperCase()})`);
      headers[SIGNATURE_HEADER] = signWebhook(secret, body);
    }
    let status: number;
    try {
      const res = await fetch(request.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(request.timeoutMs), redirect: 'manual' });
      status = res.status;
      await res.body?.cancel().catch(() => undefined);
    } catch (error) {
      throw new Error(`POST ${request.url} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (status >= 200 && status < 300) {
      await this.jobs.once(this.name, request.deliveryId, async () => undefined);
      this.logger.log(`delivered ${request.deliveryId} to ${request.url} (${status})`);
      return;
    }
    const message = `POST ${request.url} answered ${status}`;
    if (!retryable(status)) throw new PermanentJobError(message);
    throw new Error(message);
  }
}
