/** Collects bind parameters while SQL text is assembled; values never enter the text. */
export class SqlParams {
  readonly values: unknown[] = [];

  /** Adds a value and returns its placeholder ($1, $2, ...), optionally cast. */
  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return cast ? `$${this.values.length}::${cast}` : `$${this.values.length}`;
  }
}

/** Escapes LIKE wildcards so a user's `%` or `_` matches itself. */
export const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => '\\' + c);
