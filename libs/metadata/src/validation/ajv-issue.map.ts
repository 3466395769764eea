import type { ErrorObject } from 'ajv/dist/2020';
import type { MetadataIssue } from '../issues/metadata-issue';
import { pointer } from '../issues/json-pointer';
import { discriminatorTags } from './discriminator.tags';

type Described = { title?: string; description?: string; pattern?: string };

const describedBy = (e: ErrorObject): Described => (e.parentSchema ?? {}) as Described;
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const show = (v: unknown) => JSON.stringify(v);
const param = <T>(e: ErrorObject, name: string) => (e.params as Record<string, T>)[name];

function issue(path: string, code: string, message: string): MetadataIssue {
  return { path, code, message, severity: 'error' };
}

function toIssue(e: ErrorObject): MetadataIssue {
  const at = e.instancePath;
  switch (e.keyword) {
    case 'required': {
      const name = param<string>(e, 'missingProperty');
      return issue(at + pointer(name), 'schema.required', `${name} is required`);
    }
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const name = param<string>(e, e.keyword === 'additionalProperties' ? 'additionalProperty' : 'unevaluatedProperty');
      return issue(at + pointer(name), 'schema.unknown-property', `unknown property ${show(name)}`);
    }
    case 'discriminator': {
      const tag = param<string>(e, 'tag');
      const known = discriminatorTags(e.parentSchema as object);
      const expected = known ? `; expected one of: ${known.join(', ')}` : '';
      const what = param<string>(e, 'error') === 'tag' ? `${tag} must be a string` : `unknown ${tag} ${show(param(e, 'tagValue'))}`;
      return issue(at + pointer(tag), 'schema.discriminator', what + expected);
    }
    case 'oneOf':
    case 'anyOf': {
      const { description } = describedBy(e);
      return issue(at, `schema.${e.keyword}`, description ? `must be ${lowerFirst(description)}` : (e.message ?? 'does not match any allowed shape'));
    }
    case 'const':
      return issue(at, 'schema.const', `must be ${show(param(e, 'allowedValue'))}`);
    case 'enum':
      return issue(at, 'schema.enum', `${show(e.data)} is not allowed; expected one of: ${param<unknown[]>(e, 'allowedValues').join(', ')}`);
    case 'pattern': {
      const { title, description } = describedBy(e);
      return issue(at, 'schema.pattern', title && description ? `${show(e.data)} is not a valid ${title}: ${lowerFirst(description)}` : `${show(e.data)} must match ${param<string>(e, 'pattern')}`);
    }
    case 'not': {
      const { description } = describedBy(e);
      return issue(at, 'schema.not', `${show(e.data)} is not allowed here${description ? ` (${description})` : ''}`);
    }
    case 'propertyNames':
      return issue(at + pointer(param<string>(e, 'propertyName')), 'schema.property-name', `${show(param(e, 'propertyName'))} is not a valid key`);
    default:
      return issue(at, `schema.${e.keyword}`, e.message ?? 'is invalid');
  }
}

const within = (path: string, root: string) => path === root || path.startsWith(root + '/');

/**
 * Turns AJV errors into issues a person can act on. A failed oneOf/anyOf without a
 * discriminator replaces the errors of its branches (each branch's complaint
 * contradicts the others'); errors under propertyNames are folded into one per name.
 */
export function ajvErrorsToIssues(errors: readonly ErrorObject[] | null | undefined): MetadataIssue[] {
  const all = errors ?? [];
  const unions = all.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf').map((e) => e.instancePath);
  const kept = all.filter((e) => {
    if ((e as ErrorObject & { propertyName?: string }).propertyName !== undefined) return false;
    if (e.keyword === 'oneOf' || e.keyword === 'anyOf') return !unions.some((u) => u !== e.instancePath && within(e.instancePath, u));
    return !unions.some((u) => within(e.instancePath, u));
  });
  const seen = new Set<string>();
  return kept.map(toIssue).filter((i) => {
    const id = `${i.path}\u0000${i.code}\u0000${i.message}`;
    return seen.has(id) ? false : (seen.add(id), true);
  });
}
