import type { Label } from '@tessera/metadata';
import type { ErrorItem } from '../common/errors/error-item';
import { bodyInvalid } from './identity.errors';
import { isUuid } from '../common/uuid';

export const KEY_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;

interface TextRule {
  min?: number;
  max?: number;
  pattern?: RegExp;
  /** Finishes "must be …" when the pattern fails. */
  patternHint?: string;
}

/**
 * Reads a JSON request body field by field, collecting every problem with its JSON
 * Pointer; `done()` throws them all at once as a 400 problem.
 */
export class BodyReader {
  readonly errors: ErrorItem[] = [];
  private readonly body: Record<string, unknown>;

  constructor(body: unknown) {
    const ok = typeof body === 'object' && body !== null && !Array.isArray(body);
    if (!ok) this.errors.push({ path: '', code: 'type', message: 'the body must be a JSON object' });
    this.body = ok ? (body as Record<string, unknown>) : {};
  }

  has(key: string): boolean {
    return this.body[key] !== undefined;
  }

  private fail(key: string, code: string, message: string): undefined {
    this.errors.push({ path: `/${key}`, code, message });
    return undefined;
  }

  text(key: string, rule: TextRule & { required: true }): string;
  text(key: string, rule?: TextRule & { required?: false }): string | undefined;
  text(key: string, rule: TextRule & { required?: boolean } = {}): string | undefined {
    const v = this.body[key];
    if (v === undefined || v === null) return rule.required ? (this.fail(key, 'required', `${key} is required`) as never) : undefined;
    if (typeof v !== 'string') return this.fail(key, 'type', `${key} must be a string`);
    const trimmed = key === 'password' || key.endsWith('Password') ? v : v.trim();
    if (trimmed.length < (rule.min ?? (rule.required ? 1 : 0))) return this.fail(key, 'minLength', `${key} must have at least ${rule.min ?? 1} characters`);
    if (rule.max !== undefined && trimmed.length > rule.max) return this.fail(key, 'maxLength', `${key} must have at most ${rule.max} characters`);
    if (rule.pattern && !rule.pattern.test(trimmed)) return this.fail(key, 'pattern', `${key} must be ${rule.patternHint ?? `like ${rule.pattern}`}`);
    return trimmed;
  }

  /** A UUID, or null when `nullable` and the body says null; undefined when absent. */
  uuid(key: string, options: { required?: boolean; nullable?: boolean } = {}): string | null | undefined {
    const v = this.body[key];
    if (v === undefined) return options.required ? this.fail(key, 'required', `${key} is required`) : undefined;
    if (v === null) return options.nullable ? null : this.fail(key, 'type', `${key} must be a UUID`);
    return isUuid(v) ? v : this.fail(key, 'format', `${key} must be a UUID`);
  }

  oneOf<T extends string>(key: string, values: readonly T[]): T | undefined {
    const v = this.body[key];
    if (v === undefined) return undefined;
    return (values as readonly unknown[]).includes(v) ? (v as T) : this.fail(key, 'enum', `${key} must be one of ${values.join(', ')}`);
  }

  /** A list of distinct strings, each checked against `pattern` (errors point at the item). */
  list(key: string, options: { required?: boolean; pattern: RegExp; hint: string }): string[] | undefined {
    const v = this.body[key];
    if (v === undefined) return options.required ? this.fail(key, 'required', `${key} is required`) : undefined;
    if (!Array.isArray(v)) return this.fail(key, 'type', `${key} must be an array`);
    const before = this.errors.length;
    v.forEach((item, i) => {
      if (typeof item !== 'string' || !options.pattern.test(item)) this.errors.push({ path: `/${key}/${i}`, code: 'pattern', message: `must be ${options.hint}` });
    });
    return this.errors.length === before ? [...new Set(v as string[])] : undefined;
  }

  label(key: string, options: { required?: boolean } = {}): Label | undefined {
    const v = this.body[key] as Record<string, unknown> | undefined;
    if (v === undefined) return options.required ? this.fail(key, 'required', `${key} is required`) : undefined;
    const ok = typeof v === 'object' && v !== null && ['zh-CN', 'en'].every((l) => typeof v[l] === 'string' && (v[l] as string).trim() !== '' && (v[l] as string).length <= 200);
    return ok ? { 'zh-CN': v['zh-CN'] as string, en: v.en as string } : this.fail(key, 'type', `${key} must be { "zh-CN": text, "en": text }`);
  }

  date(key: string): Date | null | undefined {
    const v = this.body[key];
    if (v === undefined || v === null) return v as null | undefined;
    const at = typeof v === 'string' ? new Date(v) : new Date(NaN);
    return Number.isNaN(at.getTime()) ? this.fail(key, 'format', `${key} must be an ISO 8601 date-time`) : at;
  }

  done(): void {
    if (this.errors.length > 0) throw bodyInvalid(this.errors);
  }
}
