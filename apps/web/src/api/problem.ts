import type { UnmetCondition } from '@tessera/engine';
import type { Label } from '@tessera/metadata';

export type { UnmetCondition };

/** One problem of an `application/problem+json` answer: `path` is a JSON Pointer into what was sent. */
export interface ProblemItem {
  path: string;
  code: string;
  message: string;
  rule?: string;
}

/** RFC 9457 body with Tessera's extensions (warnings, duplicate link, gate conditions). */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: ProblemItem[];
  warnings?: string[];
  duplicate?: { object: string; id: string; href: string };
  unmet?: UnmetCondition[];
  problems?: Array<{ path: string; code: string; message: Label }>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

/** The messages of a problem, one line each, for a toast or an alert. */
export function problemLines(error: unknown): string[] {
  if (!(error instanceof ApiError)) return [error instanceof Error ? error.message : String(error)];
  const items = error.problem.errors?.map((e) => e.message) ?? [];
  return items.length > 0 ? items : [error.message];
}
