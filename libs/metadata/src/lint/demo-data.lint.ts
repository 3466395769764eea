import type { MetadataIssue } from '../issues/metadata-issue';
import { pointer } from '../issues/json-pointer';
import type { ResolvedField } from '../fields/field.resolve';
import type { ValueClass } from '../fields/value-class';
import type { DemoData, DemoGenerator, DemoRecord, ObjectDefinition, ValueGenerator } from '../metadata.generated';
import { compareProblem } from './compare-value.check';
import { lintExpression } from './expression.lint';
import { duplicateKeys, error, recordScope, requireField, requireObject, requireRole, requireStage, show, type RecordScope } from './lint.context';
import type { MetadataIndex } from './metadata.index';

/** The value classes each generator can produce (ref, point and expression are checked apart). */
const GENERATOR_CLASSES: Partial<Record<ValueGenerator['gen'], readonly ValueClass[]>> = {
  int: ['number'],
  decimal: ['number'],
  date: ['date', 'datetime'],
  datetime: ['datetime'],
  template: ['text'],
  ref: ['record'],
  point: ['geo'],
};

/**
 * Demo data is imported on request, so a mistake in it must show at validate time, not
 * halfway through an import: records and generators use real, writable fields with
 * values of the right shape, relations point at demo records that exist, stages, roles
 * and org units exist, and every role an owner rule draws from is held by a demo user.
 */
export function lintDemoData(demo: DemoData, index: MetadataIndex): MetadataIssue[] {
  const issues: MetadataIssue[] = [];
  if (!demo.records && !demo.generate && !demo.users && !demo.generateUsers) {
    issues.push(error('', 'demo.empty', 'demo data needs records, generate, users or generateUsers'));
  }
  lintUsers(demo, index, issues);
  if (demo.object === undefined) return issues;
  const object = requireObject(index, demo.object, '/object', issues);
  if (!object) return issues;
  const scope = recordScope(index, object);
  if (demo.records) lintRecords(demo.records, scope, issues);
  if (demo.generate) lintGenerator(demo.generate, scope, issues);
  return issues;
}

function lintUsers(demo: DemoData, index: MetadataIndex, issues: MetadataIssue[]): void {
  issues.push(...duplicateKeys(demo.users, '/users', (u) => u.login.toLowerCase(), 'login', 'demo.duplicate-login', 'login'));
  (demo.users ?? []).forEach((u, i) => {
    if (u.orgUnit !== undefined) requireUnit(index, u.orgUnit, `/users/${i}/orgUnit`, issues);
    u.roles.forEach((r, j) => requireRole(index, r, `/users/${i}/roles/${j}`, issues));
  });
  (demo.generateUsers ?? []).forEach((g, i) => {
    const at = `/generateUsers/${i}`;
    g.units.forEach((u, j) => requireUnit(index, u, `${at}/units/${j}`, issues));
    g.roles.forEach((r, j) => requireRole(index, r, `${at}/roles/${j}`, issues));
    if ((g.perUnit === undefined) === (g.count === undefined)) issues.push(error(at, 'demo.user-count', 'give exactly one of perUnit and count'));
    // Logins must come out unique: a running number does it, or the unit key with one user per unit.
    const unique = /\{n(:\d+)?\}/.test(g.login) || (g.perUnit === 1 && g.login.includes('{unit}'));
    if (!unique) issues.push(error(`${at}/login`, 'demo.login-pattern', 'the login pattern must contain {n} (or {unit} with perUnit 1) so every login is different'));
  });
}

function requireUnit(index: MetadataIndex, key: string, at: string, issues: MetadataIssue[]): void {
  if (!index.orgUnits.has(key)) issues.push(error(at, 'ref.unknown-unit', `org unit ${show(key)} does not exist`));
}

/** A field demo data may set: real, writable, and not the stage field (demo data places records with stage). */
function requireWritable(scope: RecordScope, object: ObjectDefinition, key: string, at: string, issues: MetadataIssue[]): ResolvedField | undefined {
  const field = requireField(scope, object.key, key, at, issues);
  if (!field) return undefined;
  if (field.stageOf !== undefined) {
    issues.push(error(at, 'demo.stage-field', `field ${show(key)} holds the stage of pipeline ${show(field.stageOf)}; place the record with stage instead`));
    return undefined;
  }
  if (!field.writable) {
    issues.push(error(at, 'demo.field-not-writable', `field ${show(key)} is computed or retired`));
    return undefined;
  }
  return field;
}

/** Why a literal cannot be this field's value (relations are refs, checked by the caller). */
function valueProblem(field: ResolvedField, value: unknown): string | undefined {
  if (field.valueClass === 'choices') return Array.isArray(value) ? value.map((v) => compareProblem(field, 'contains', v)).find(Boolean) : 'a list of options';
  if (['number', 'boolean', 'date', 'datetime', 'choice', 'text'].includes(field.valueClass)) return compareProblem(field, 'eq', value);
  return undefined;
}

function lintRecords(records: DemoRecord[], scope: RecordScope, issues: MetadataIssue[]): void {
  const { index, object } = scope;
  issues.push(...duplicateKeys(records, '/records', (r) => r.ref, 'ref', 'demo.duplicate-ref', 'ref'));
  records.forEach((record, i) => {
    const at = `/records/${i}`;
    if (record.stage !== undefined) requireStage(scope, record.stage, at + '/stage', issues);
    if (record.orgUnit !== undefined) requireUnit(index, record.orgUnit, at + '/orgUnit', issues);
    for (const [key, value] of Object.entries(record.values)) {
      const here = `${at}/values${pointer(key)}`;
      const field = requireWritable(scope, object, key, here, issues);
      if (!field || value === null) continue;
      if (field.field?.type === 'relation') {
        const target = field.field.target;
        if (typeof value !== 'string' || !index.demoRefs.get(target)?.has(value)) issues.push(error(here, 'demo.unknown-ref', `${show(value)} is not the ref of a demo ${show(target)} record`));
        continue;
      }
      const problem = valueProblem(field, value);
      if (problem) issues.push(error(here, 'demo.value', `${show(value)}: ${problem}`));
    }
  });
}

function lintGenerator(spec: DemoGenerator, scope: RecordScope, issues: MetadataIssue[]): void {
  const { index, object } = scope;
  const at = '/generate';
  const values = spec.values;
  const owner = spec.owner;
  if (owner?.role !== undefined) {
    requireRole(index, owner.role, `${at}/owner/role`, issues);
    if (index.roles.has(owner.role) && !index.demoRoleHolders.has(owner.role)) {
      issues.push(error(`${at}/owner/role`, 'demo.no-owner', `no demo user holds role ${show(owner.role)}, so no record could be given an owner`));
    }
  }
  if (owner?.from !== undefined) {
    const field = requireField(scope, object.key, owner.from, `${at}/owner/from`, issues, ['record'], 'owner from');
    if (field && values[owner.from]?.gen !== 'ref') issues.push(error(`${at}/owner/from`, 'demo.owner-from', `field ${show(owner.from)} must be generated with a ref generator to take its owner from`));
  }
  if (spec.stage) lintStageGenerator(spec.stage, scope, `${at}/stage`, issues);
  if (spec.createdAt && spec.createdAt.gen !== 'date' && spec.createdAt.gen !== 'datetime') {
    issues.push(error(`${at}/createdAt/gen`, 'demo.generator-type', 'createdAt needs a date or datetime generator'));
  }
  for (const [key, gen] of Object.entries(values)) {
    const here = `${at}/values${pointer(key)}`;
    const field = requireWritable(scope, object, key, here, issues);
    if (field) lintValueGenerator(gen, field, scope, here, issues, values);
  }
}

function lintStageGenerator(gen: ValueGenerator, scope: RecordScope, at: string, issues: MetadataIssue[]): void {
  if (gen.gen === 'const') {
    if (typeof gen.value === 'string') requireStage(scope, gen.value, `${at}/value`, issues);
    else issues.push(error(`${at}/value`, 'demo.value', 'a stage key'));
  } else if (gen.gen === 'pick') {
    gen.values.forEach((v, i) => (typeof v === 'string' ? requireStage(scope, v, `${at}/values/${i}`, issues) : issues.push(error(`${at}/values/${i}`, 'demo.value', 'a stage key'))));
    lintWeights(gen.values, gen.weights, at, issues);
  } else if (gen.gen !== 'expression') {
    issues.push(error(`${at}/gen`, 'demo.generator-type', 'a stage comes from a const, pick or expression generator'));
  } else {
    issues.push(...lintExpression(gen.expression, `${at}/expression`));
  }
}

function lintWeights(values: readonly unknown[], weights: readonly number[] | undefined, at: string, issues: MetadataIssue[]): void {
  if (!weights) return;
  if (weights.length !== values.length) issues.push(error(`${at}/weights`, 'demo.weights', `${weights.length} weights for ${values.length} values`));
  else if (!weights.some((w) => w > 0)) issues.push(error(`${at}/weights`, 'demo.weights', 'at least one weight must be above 0'));
}

/**
 * ref through relation.field: relation is a relation field generated (by a ref generator)
 * before this one, and field, on the object it points at, relates to the same target.
 */
function lintThrough(
  through: string, target: string, self: string, scope: RecordScope, values: Readonly<Record<string, ValueGenerator>>, at: string, issues: MetadataIssue[],
): void {
  const [via, key] = through.split('.');
  const order = Object.keys(values);
  if (values[via]?.gen !== 'ref' || order.indexOf(via) > order.indexOf(self)) {
    issues.push(error(at, 'demo.through', `${show(via)} must be a relation field generated with a ref generator before ${show(self)}`));
    return;
  }
  const relation = scope.object.fields.find((f) => f.key === via);
  if (relation?.type !== 'relation') return; // reported where via itself is checked
  const onTarget = scope.index.objects.get(relation.target)?.fields.find((f) => f.key === key);
  if (onTarget?.type !== 'relation' || onTarget.target !== target) {
    issues.push(error(at, 'demo.through', `${show(key)} on ${show(relation.target)} is not a relation to ${show(target)}`));
  }
}

function lintValueGenerator(
  gen: ValueGenerator, field: ResolvedField, scope: RecordScope, at: string, issues: MetadataIssue[], values: Readonly<Record<string, ValueGenerator>>,
): void {
  const classes = GENERATOR_CLASSES[gen.gen];
  if (classes && !classes.includes(field.valueClass)) {
    issues.push(error(`${at}/gen`, 'demo.generator-type', `a ${gen.gen} generator cannot fill field ${show(field.key)}, which holds a ${field.valueClass} value`));
    return;
  }
  if (field.field?.type === 'relation' && gen.gen !== 'ref') {
    issues.push(error(`${at}/gen`, 'demo.generator-type', `relation field ${show(field.key)} is filled with a ref generator`));
    return;
  }
  switch (gen.gen) {
    case 'const':
      if (gen.value !== null) {
        const problem = valueProblem(field, gen.value);
        if (problem) issues.push(error(`${at}/value`, 'demo.value', `${show(gen.value)}: ${problem}`));
      }
      return;
    case 'pick':
      gen.values.forEach((v, i) => {
        const problem = v === null ? undefined : valueProblem(field, v);
        if (problem) issues.push(error(`${at}/values/${i}`, 'demo.value', `${show(v)}: ${problem}`));
      });
      lintWeights(gen.values, gen.weights, at, issues);
      return;
    case 'int':
    case 'decimal':
    case 'date':
    case 'datetime': {
      const [lo, hi] = gen.gen === 'int' || gen.gen === 'decimal' ? [gen.min, gen.max] : [gen.from, gen.to];
      if (lo > hi) issues.push(error(at, 'demo.range', `the range is empty (${lo} > ${hi})`));
      return;
    }
    case 'point':
      if (gen.lat[0] > gen.lat[1] || gen.lng[0] > gen.lng[1]) issues.push(error(at, 'demo.range', 'each range is [min, max]'));
      return;
    case 'template': {
      const pools = gen.pools ?? {};
      for (const m of gen.template.matchAll(/\{([^}]*)\}/g)) {
        const name = m[1];
        if (/^n(:\d+)?$/.test(name)) continue;
        if (name.startsWith('=')) {
          requireField(scope, scope.object.key, name.slice(1), `${at}/template`, issues);
          continue;
        }
        if (!(name in pools)) issues.push(error(`${at}/template`, 'demo.template', `{${name}} is neither {n}, {=field} nor a pool of pools`));
      }
      return;
    }
    case 'ref': {
      const target = (field.field as { target: string }).target;
      if (gen.through !== undefined) {
        lintThrough(gen.through, target, field.key, scope, values, `${at}/through`, issues);
        return;
      }
      if (!scope.index.demoGenerated.has(target) && !(scope.index.demoRefs.get(target)?.size ?? 0)) {
        issues.push(error(at, 'demo.ref-target', `object ${show(target)} has no demo records with refs or generated records to point at`));
      }
      return;
    }
    case 'expression':
      issues.push(...lintExpression(gen.expression, `${at}/expression`));
      return;
  }
}
