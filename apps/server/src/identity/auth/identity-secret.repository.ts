import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Secrets the platform generates once and every instance shares (`identity_secret`). */
@Injectable()
export class IdentitySecretRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The stored value of `name`, storing `candidate` first if there is none (the first instance wins a race). */
  async getOrCreate(name: string, candidate: string): Promise<string> {
    await this.dataSource.query(`INSERT INTO "identity_secret" ("name", "value") VALUES ($1, $2) ON CONFLICT ("name") DO NOTHING`, [name, candidate]);
    const [row] = await this.dataSource.query<Array<{ value: string }>>(`SELECT "value" FROM "identity_secret" WHERE "name" = $1`, [name]);
    return row.value;
  }
}
