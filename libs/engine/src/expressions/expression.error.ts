/** A JSONata expression failed to parse or evaluate; names the metadata document and path. */
export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly document: string,
    readonly path: string,
    readonly code: 'expression.parse' | 'expression.evaluate' | 'expression.timeout' | 'expression.depth',
    readonly position?: number,
  ) {
    super(message);
    this.name = 'ExpressionError';
  }
}
