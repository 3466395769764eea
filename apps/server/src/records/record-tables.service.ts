import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { DataRisk, MetadataDocument, ObjectDefinition } from '@tessera/metadata';
import { planTables } from '@tessera/engine';
import type { QueryRunner } from 'typeorm';
import type { ErrorItem } from '../common/errors/error-item';
import { UserError } from '../common/errors/user.error';
import { PublishHooks, type PublishContext, type PublishHook } from '../metadata/publish-hooks';
import { dataCheckSql } from './data-check.sql';
import { applyTableOps } from './record-tables.apply';

const objectsOf = (docs: readonly MetadataDocument[]) => docs.filter((d): d is ObjectDefinition => d.kind === 'object');

/**
 * The records module's part of a publish: refuse changes that would lose or
 * refuse stored values, then create and alter the object tables it owns.
 */
@Injectable()
export class RecordTablesService implements PublishHook, OnModuleInit {
  readonly name = 'records.tables';

  constructor(private readonly hooks: PublishHooks) {}

  onModuleInit(): void {
    this.hooks.register(this);
  }

  async apply(ctx: PublishContext): Promise<void> {
    const blocked = await this.blockedRisks(ctx);
    if (blocked.length > 0) {
      throw new UserError({
        status: 409,
        code: 'destructive-change',
        title: 'The change would lose or refuse stored data',
        detail: 'Publish with "retire": true to keep removed fields and options as retired (hidden, values kept), or fix the data first.',
        errors: blocked,
      });
    }
    await applyTableOps(ctx.queryRunner, planTables(objectsOf(ctx.previous), objectsOf(ctx.next)));
  }

  private async blockedRisks(ctx: PublishContext): Promise<ErrorItem[]> {
    const previous = new Map(objectsOf(ctx.previous).map((o) => [o.key, o]));
    const out: ErrorItem[] = [];
    for (const risk of ctx.diff.risks) {
      // Required is enforced on create and on writes that touch the field, so old empty rows refuse nothing.
      if (risk.change === 'requiredAdded') continue;
      if (risk.alternative === 'retire' && ctx.retire) continue;
      const object = previous.get(risk.object);
      if (!object) continue;
      const n = await this.offendingRows(ctx.queryRunner, risk, object);
      if (n > 0) {
        const index = ctx.next.findIndex((d) => d.kind === 'object' && d.key === risk.object);
        out.push({
          path: index >= 0 ? `/documents/${index}${risk.path}` : '/documents',
          code: `data-risk.${risk.change}`,
          message: `${risk.message} (${n} stored record${n === 1 ? '' : 's'} affected)${risk.alternative === 'retire' ? '; choose retire to keep the values' : ''}`,
        });
      }
    }
    return out;
  }

  private async offendingRows(qr: QueryRunner, risk: DataRisk, object: ObjectDefinition): Promise<number> {
    const field = risk.field ? object.fields.find((f) => f.key === risk.field) : undefined;
    if (risk.field && (!field || field.type === 'attachment')) return 0;
    const sql = dataCheckSql(risk.check, object.key, risk.field, field?.type === 'multiselect');
    const [row] = await qr.query(sql.text, sql.values);
    return Number(row?.n ?? 0);
  }
}
