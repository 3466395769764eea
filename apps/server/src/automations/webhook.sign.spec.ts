import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhook, webhookSecret } from './webhook.sign';

describe('webhook signatures', () => {
  const body = JSON.stringify({ code: 'C-001', amount: '1200.50', name: '华东阀门' });

  it('is the hex HMAC-SHA256 of the raw UTF-8 body', () => {
    expect(signWebhook('s3cret', body)).toBe(`sha256=${createHmac('sha256', 's3cret').update(Buffer.from(body, 'utf8')).digest('hex')}`);
  });

  it('verifies only the same body with the same secret', () => {
    const header = signWebhook('s3cret', body);
    expect(verifyWebhook('s3cret', body, header)).toBe(true);
    expect(verifyWebhook('other', body, header)).toBe(false);
    expect(verifyWebhook('s3cret', body.replace('1200.50', '1200.51'), header)).toBe(false);
    expect(verifyWebhook('s3cret', body, undefined)).toBe(false);
    expect(verifyWebhook('s3cret', body, 'sha256=00')).toBe(false);
  });

  it('reads a named secret from WEBHOOK_SECRET_<NAME> only', () => {
    const env = { WEBHOOK_SECRET_ERP: 'x1', JWT_SECRET: 'never', WEBHOOK_SECRET_EMPTY: '' };
    expect(webhookSecret('erp', env)).toBe('x1');
    expect(webhookSecret('empty', env)).toBeUndefined();
    expect(webhookSecret('jwt', env)).toBeUndefined();
  });
});
