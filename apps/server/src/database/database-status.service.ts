import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DATABASE_CONNECTION, type DatabaseConnection } from './database-connection';

export interface DatabaseStatus {
  status: 'up' | 'down';
  driver: DatabaseConnection['driver'];
}

const PING_TIMEOUT_MS = 2000;

@Injectable()
export class DatabaseStatusService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(DATABASE_CONNECTION) private readonly connection: DatabaseConnection,
  ) {}

  async status(): Promise<DatabaseStatus> {
    const up = await withTimeout(this.dataSource.query('SELECT 1'), PING_TIMEOUT_MS).then(
      () => true,
      () => false,
    );
    return { status: up ? 'up' : 'down', driver: this.connection.driver };
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
