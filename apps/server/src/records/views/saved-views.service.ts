import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ErrorItem } from '../../common/errors/error-item';
import { UserError } from '../../common/errors/user.error';
import { uuidv7 } from '../../common/uuid7';
import type { Actor } from '../../identity/actor';
import { AccessService } from '../../identity/access.service';
import { MetadataRuntime } from '../../metadata/metadata-runtime.service';
import { unknownObject } from '../record-errors';
import { checkDefinition, type SavedViewDefinition } from './saved-view.definition';
import { isUuid } from '../../common/uuid';

export interface SavedView {
  id: string;
  object: string;
  name: string;
  definition: SavedViewDefinition;
  createdAt: string;
  updatedAt: string;
}

const MAX_VIEWS = 200;

const invalid = (errors: ErrorItem[]) => new UserError({ status: 422, code: 'view-invalid', title: 'The view is invalid', errors });
const notFound = (id: string) => new UserError({ status: 404, code: 'view-not-found', title: 'View not found', detail: `You have no view ${id}` });
const nameTaken = (name: string) =>
  new UserError({ status: 409, code: 'view-name-taken', title: 'A view with this name exists', errors: [{ path: '/name', code: 'name.taken', message: `you already have a view named ${JSON.stringify(name)}` }] });

function checkName(name: unknown, errors: ErrorItem[]): string | undefined {
  if (typeof name !== 'string' || name.trim() === '' || name.trim().length > 100) {
    errors.push({ path: '/name', code: 'name.invalid', message: 'a name of 1 to 100 characters' });
    return undefined;
  }
  return name.trim();
}

interface Row {
  id: string;
  object: string;
  name: string;
  definition: SavedViewDefinition;
  created_at: Date;
  updated_at: Date;
}
const toView = (r: Row): SavedView => ({ id: r.id, object: r.object, name: r.name, definition: r.definition, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString() });

/** A user's saved list views (`saved_view`): only their owner lists, changes or deletes them. */
@Injectable()
export class SavedViewsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runtime: MetadataRuntime,
    private readonly access: AccessService,
  ) {}

  async list(actor: Actor, object: string): Promise<SavedView[]> {
    await this.readable(actor, object);
    const rows: Row[] = await this.dataSource.query(`SELECT * FROM "saved_view" WHERE "user_id" = $1 AND "object" = $2 ORDER BY "name", "id"`, [actor.userId, object]);
    return rows.map(toView);
  }

  async create(actor: Actor, object: string, body: { name?: unknown; definition?: unknown }): Promise<SavedView> {
    await this.readable(actor, object);
    const errors: ErrorItem[] = [];
    const name = checkName(body?.name, errors);
    errors.push(...checkDefinition(body?.definition ?? {}, '/definition'));
    if (errors.length || !name) throw invalid(errors);
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS "n" FROM "saved_view" WHERE "user_id" = $1 AND "object" = $2`, [actor.userId, object]);
    if (n >= MAX_VIEWS) throw new UserError({ status: 409, code: 'views-too-many', title: 'Too many views', detail: `At most ${MAX_VIEWS} views per list` });
    const rows: Row[] = await this.dataSource.query(
      `INSERT INTO "saved_view" ("id", "user_id", "object", "name", "definition") VALUES ($1, $2, $3, $4, $5::jsonb)
       ON CONFLICT ("user_id", "object", "name") DO NOTHING RETURNING *`,
      [uuidv7(), actor.userId, object, name, JSON.stringify(body.definition ?? {})],
    );
    if (rows.length === 0) throw nameTaken(name);
    return toView(rows[0]);
  }

  async update(actor: Actor, object: string, id: string, body: { name?: unknown; definition?: unknown }): Promise<SavedView> {
    await this.readable(actor, object);
    if (!isUuid(id)) throw notFound(id);
    const errors: ErrorItem[] = [];
    const name = body?.name === undefined ? undefined : checkName(body.name, errors);
    if (body?.definition !== undefined) errors.push(...checkDefinition(body.definition, '/definition'));
    if (errors.length) throw invalid(errors);
    try {
      const result = await this.dataSource.query(
        `UPDATE "saved_view" SET "name" = coalesce($4, "name"), "definition" = coalesce($5::jsonb, "definition"), "updated_at" = now()
         WHERE "id" = $1 AND "user_id" = $2 AND "object" = $3 RETURNING *`,
        [id, actor.userId, object, name ?? null, body?.definition === undefined ? null : JSON.stringify(body.definition)],
      );
      const rows: Row[] = Array.isArray(result[0]) ? result[0] : result;
      if (rows.length === 0) throw notFound(id);
      return toView(rows[0]);
    } catch (e) {
      if ((e as { code?: string }).code === '23505' && name) throw nameTaken(name);
      throw e;
    }
  }

  async remove(actor: Actor, object: string, id: string): Promise<void> {
    await this.readable(actor, object);
    if (!isUuid(id)) throw notFound(id);
    const result = await this.dataSource.query(`DELETE FROM "saved_view" WHERE "id" = $1 AND "user_id" = $2 AND "object" = $3 RETURNING "id"`, [id, actor.userId, object]);
    const rows = Array.isArray(result[0]) ? result[0] : result;
    if (rows.length === 0) throw notFound(id);
  }

  /** Views belong to lists the user may read. */
  private async readable(actor: Actor, object: string): Promise<void> {
    if (!(await this.runtime.get()).compiledObject(object)) throw unknownObject(object);
    await this.access.require(actor, object, 'read');
  }
}
