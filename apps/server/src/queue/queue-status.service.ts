import { Injectable } from '@nestjs/common';
import { AppConfigService } from '../config/app-config.service';
import { pingRedis } from './redis.ping';

export type QueueStatus =
  | { status: 'in-process'; driver: 'in-process' }
  | { status: 'up' | 'down'; driver: 'redis' };

const PING_TIMEOUT_MS = 1000;

/** Where jobs run: BullMQ on Redis when REDIS_URL is set, else in this process. */
@Injectable()
export class QueueStatusService {
  constructor(private readonly config: AppConfigService) {}

  async status(): Promise<QueueStatus> {
    const url = this.config.get('REDIS_URL');
    if (url === undefined) return { status: 'in-process', driver: 'in-process' };
    return { status: (await pingRedis(url, PING_TIMEOUT_MS)) ? 'up' : 'down', driver: 'redis' };
  }
}
