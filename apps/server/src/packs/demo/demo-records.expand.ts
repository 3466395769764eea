import { compileExpression, DEFAULT_EXPRESSION_LIMITS, expressionInput, type CompiledExpression } from '@tessera/engine';

// Demo generation is a batch at import, not a request: a busy machine must not make a
// generator expression time out, so it gets a wider time limit (depth limits unchanged).
const DEMO_EXPRESSION_LIMITS = { ...DEFAULT_EXPRESSION_LIMITS, timeout: 5_000 };
import type { DemoData, DemoGenerator, DemoRecord, Field, ObjectDefinition, ValueGenerator } from '@tessera/metadata';
import { fillTemplate } from './demo-template.fill';
import { pick, seededRandom, seedOf, type Random } from './seeded-random';

/** A demo record ready for the import: field values in the API's JSON form, relations as record ids. */
export interface DemoRow {
  id: string;
  object: string;
  ref?: string;
  /** Login of the owner; the importing user when absent. */
  owner?: string;
  /** Key of the org unit; the owner's when absent. */
  orgUnit?: string;
  /** Stage key (written to the pipeline's stage field by the importer); the first stage when absent. */
  stage?: string;
  createdAt?: string;
  values: Record<string, unknown>;
}

/** A demo user as generators see it (owner rules, $owner). */
export interface DemoOwner {
  login: string;
  unit?: string;
  unitName?: string;
  roles: readonly string[];
}

export interface DemoExpansionContext {
  objects: ReadonlyMap<string, ObjectDefinition>;
  users: readonly DemoOwner[];
  /** The moment dates are relative to (the import). */
  now: Date;
  newId(): string;
}

/** A demo document that cannot be expanded (the lint catches these; the importer reports them). */
export class DemoDataError extends Error {
  constructor(
    readonly document: string,
    readonly path: string,
    message: string,
  ) {
    super(`${document}${path}: ${message}`);
  }
}

const DAY = 86_400_000;
const NUMBER_TYPES = new Set<Field['type']>(['number', 'currency', 'percent']);

const isoDate = (t: number) => new Date(t).toISOString().slice(0, 10);

function roundTo(value: number, scale: number, step?: number): number {
  const stepped = step ? Math.round(value / step) * step : value;
  const f = 10 ** scale;
  return Math.round(stepped * f) / f;
}

/**
 * Turns demo data documents into rows, one document at a time in pack order, so later
 * documents can point at earlier ones: listed records (relations by ref) and generated
 * ones (ref generators pick among the rows expanded so far). Values come from one
 * seeded stream per document; ids are assigned here, so rows point at each other by id.
 */
export class DemoExpansion {
  private readonly rows = new Map<string, DemoRow[]>();
  private readonly byRef = new Map<string, Map<string, DemoRow>>();
  private readonly byId = new Map<string, DemoRow>();
  private readonly byOwner = new Map<string, Map<string, DemoRow[]>>();
  private readonly owners = new Map<string, DemoOwner>();

  constructor(private readonly ctx: DemoExpansionContext) {
    for (const u of ctx.users) this.owners.set(u.login.toLowerCase(), u);
  }

  /** Rows of `object` expanded so far. */
  of(object: string): readonly DemoRow[] {
    return this.rows.get(object) ?? [];
  }

  async add(source: string, doc: DemoData): Promise<DemoRow[]> {
    if (doc.object === undefined) return [];
    const object = this.ctx.objects.get(doc.object);
    if (!object) throw new DemoDataError(source, '/object', `object ${doc.object} does not exist`);
    const out: DemoRow[] = [];
    (doc.records ?? []).forEach((r, i) => out.push(this.listed(source, object, r, i)));
    if (doc.generate) out.push(...(await this.generated(source, doc.key, object, doc.generate)));
    return out;
  }

  private remember(row: DemoRow): DemoRow {
    const list = this.rows.get(row.object) ?? [];
    list.push(row);
    this.rows.set(row.object, list);
    this.byId.set(row.id, row);
    if (row.ref) {
      const refs = this.byRef.get(row.object) ?? new Map<string, DemoRow>();
      refs.set(row.ref, row);
      this.byRef.set(row.object, refs);
    }
    if (row.owner) {
      const owners = this.byOwner.get(row.object) ?? new Map<string, DemoRow[]>();
      const mine = owners.get(row.owner.toLowerCase()) ?? [];
      mine.push(row);
      owners.set(row.owner.toLowerCase(), mine);
      this.byOwner.set(row.object, owners);
    }
    return row;
  }

  /** A value in the API's JSON form: numbers for number fields (demo files may write decimal strings). */
  private coerce(field: Field | undefined, value: unknown): unknown {
    if (field && NUMBER_TYPES.has(field.type) && typeof value === 'string' && value.trim() !== '') return Number(value);
    return value;
  }

  private listed(source: string, object: ObjectDefinition, record: DemoRecord, index: number): DemoRow {
    const values: Record<string, unknown> = {};
    for (const [key, raw] of Object.entries(record.values)) {
      const field = object.fields.find((f) => f.key === key);
      if (field?.type === 'relation' && raw !== null) {
        const target = this.byRef.get(field.target)?.get(String(raw));
        if (!target) throw new DemoDataError(source, `/records/${index}/values/${key}`, `${JSON.stringify(raw)} is not the ref of a demo ${field.target} record imported before`);
        values[key] = target.id;
      } else {
        values[key] = this.coerce(field, raw);
      }
    }
    return this.remember({ id: this.ctx.newId(), object: object.key, ref: record.ref, owner: record.owner, orgUnit: record.orgUnit, stage: record.stage, values });
  }

  private async generated(source: string, key: string, object: ObjectDefinition, spec: DemoGenerator): Promise<DemoRow[]> {
    const rand = seededRandom(spec.seed ?? seedOf(key));
    const fields = new Map(object.fields.map((f) => [f.key, f]));
    const expressions = new Map<string, CompiledExpression>();
    const expression = (path: string, text: string) => {
      let hit = expressions.get(path);
      if (!hit) expressions.set(path, (hit = compileExpression({ document: source, path, expression: text }, DEMO_EXPRESSION_LIMITS)));
      return hit;
    };
    const candidates = spec.owner?.role ? this.ctx.users.filter((u) => u.roles.includes(spec.owner!.role!)) : [];
    if (spec.owner?.role && candidates.length === 0) throw new DemoDataError(source, '/generate/owner/role', `no demo user holds role ${spec.owner.role}`);
    const out: DemoRow[] = [];
    for (let i = 0; i < spec.count; i++) {
      const n = i + 1;
      const values: Record<string, unknown> = {};
      const linked: Record<string, Record<string, unknown>> = {};
      let owner: string | undefined = spec.owner?.login;
      if (spec.owner?.role) owner = pick(rand, candidates).login;
      let stage: string | undefined;
      const bindings = () => ({ n, owner: this.ownerBinding(owner), linked, stage });
      const generate = async (fieldKey: string, gen: ValueGenerator, path: string) => {
        const field = fields.get(fieldKey);
        const value = await this.value(gen, { field, rand, n, owner, values, linked, path, source, expression, bindings: bindings() });
        values[fieldKey] = this.coerce(field, value);
        if (field?.type === 'relation' && typeof values[fieldKey] === 'string') linked[fieldKey] = this.byId.get(values[fieldKey] as string)?.values ?? {};
      };
      if (spec.owner?.from) {
        await generate(spec.owner.from, spec.values[spec.owner.from], `/generate/values/${spec.owner.from}`);
        const target = this.byId.get(String(values[spec.owner.from]));
        owner = target?.owner;
      }
      if (spec.stage) {
        const s = await this.value(spec.stage, { rand, n, owner, values, linked, path: '/generate/stage', source, expression, bindings: bindings() });
        stage = typeof s === 'string' ? s : undefined;
      }
      for (const [fieldKey, gen] of Object.entries(spec.values)) {
        if (fieldKey === spec.owner?.from) continue;
        await generate(fieldKey, gen, `/generate/values/${fieldKey}`);
      }
      let createdAt: string | undefined;
      if (spec.createdAt) {
        const c = await this.value(spec.createdAt, { rand, n, owner, values, linked, path: '/generate/createdAt', source, expression, bindings: bindings() });
        createdAt = typeof c === 'string' ? (c.length === 10 ? `${c}T00:00:00.000Z` : c) : undefined;
      }
      out.push(this.remember({ id: this.ctx.newId(), object: object.key, owner, stage, createdAt, values }));
    }
    return out;
  }

  private ownerBinding(login: string | undefined): Record<string, unknown> | undefined {
    const u = login ? this.owners.get(login.toLowerCase()) : undefined;
    return u && { login: u.login, unit: u.unit, unitName: u.unitName };
  }

  private async value(
    gen: ValueGenerator,
    c: {
      field?: Field;
      rand: Random;
      n: number;
      owner?: string;
      values: Record<string, unknown>;
      linked: Record<string, Record<string, unknown>>;
      path: string;
      source: string;
      expression: (path: string, text: string) => CompiledExpression;
      bindings: Record<string, unknown>;
    },
  ): Promise<unknown> {
    const { rand, now } = { rand: c.rand, now: this.ctx.now.getTime() };
    // One draw decides the null, whatever the generator, so streams stay aligned.
    const nullDraw = rand();
    if (gen.nullRate !== undefined && nullDraw < gen.nullRate) return null;
    switch (gen.gen) {
      case 'const':
        return gen.value;
      case 'pick':
        return pick(rand, gen.values, gen.weights);
      case 'int':
        return gen.min + Math.floor(rand() * (gen.max - gen.min + 1));
      case 'decimal':
        return roundTo(gen.min + rand() * (gen.max - gen.min), gen.scale ?? 2, gen.step);
      case 'date':
        return isoDate(now + (gen.from + Math.floor(rand() * (gen.to - gen.from + 1))) * DAY);
      case 'datetime':
        return new Date(Math.round(now + (gen.from + rand() * (gen.to - gen.from)) * DAY)).toISOString();
      case 'template':
        return fillTemplate(gen.template, c.n, rand, { pools: gen.pools, values: c.values });
      case 'point':
        return { lat: roundTo(gen.lat[0] + rand() * (gen.lat[1] - gen.lat[0]), 6), lng: roundTo(gen.lng[0] + rand() * (gen.lng[1] - gen.lng[0]), 6) };
      case 'ref':
        return this.ref(gen, c.field, rand, c.owner, c.values, c.source, c.path);
      case 'expression': {
        const result = await c.expression(c.path + '/expression', gen.expression).evaluate(expressionInput(c.values), { ...c.bindings, rand: rand() });
        return result === undefined ? null : result;
      }
    }
  }

  private ref(gen: Extract<ValueGenerator, { gen: 'ref' }>, field: Field | undefined, rand: Random, owner: string | undefined, values: Record<string, unknown>, source: string, path: string): string | null {
    if (field?.type !== 'relation') throw new DemoDataError(source, path, 'a ref generator fills a relation field');
    if (gen.through) {
      const [via, key] = gen.through.split('.');
      const value = this.byId.get(String(values[via]))?.values[key];
      return typeof value === 'string' ? value : null;
    }
    const mine = gen.sameOwner && owner ? this.byOwner.get(field.target)?.get(owner.toLowerCase()) : undefined;
    const pool = mine?.length ? mine : this.of(field.target);
    if (pool.length === 0) throw new DemoDataError(source, path, `no demo ${field.target} record to point at (import its demo data first)`);
    return pick(rand, pool).id;
  }
}
