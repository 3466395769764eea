import Redis from 'ioredis';

/**
 * True when Redis at `url` answers PING within `timeoutMs`. A throwaway connection with
 * no retries, so a dead Redis costs one timeout, not a reconnect loop.
 */
export async function pingRedis(url: string, timeoutMs: number): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined); // reported through the result, not as an unhandled event
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}
