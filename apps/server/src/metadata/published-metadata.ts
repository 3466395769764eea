import { documentName, type MetadataDocument, type ObjectDefinition, type RoleDefinition } from '@tessera/metadata';
import { compileObject, ExpressionCache, type CompiledObject } from '@tessera/engine';

/**
 * One published version, ready to serve: documents indexed by kind and key,
 * objects compiled on first use (AJV validators, JSONata) and kept for the
 * version's lifetime. Immutable; a new version gets a new instance.
 */
export class PublishedMetadata {
  readonly expressions = new ExpressionCache();
  private readonly byName = new Map<string, MetadataDocument>();
  private readonly compiled = new Map<string, CompiledObject>();

  constructor(
    readonly version: number,
    readonly documents: readonly MetadataDocument[],
  ) {
    for (const d of documents) this.byName.set(documentName(d), d);
  }

  document<K extends MetadataDocument['kind']>(kind: K, key: string): Extract<MetadataDocument, { kind: K }> | undefined {
    return this.byName.get(`${kind}:${key}`) as Extract<MetadataDocument, { kind: K }> | undefined;
  }

  ofKind<K extends MetadataDocument['kind']>(kind: K): Array<Extract<MetadataDocument, { kind: K }>> {
    return this.documents.filter((d): d is Extract<MetadataDocument, { kind: K }> => d.kind === kind);
  }

  /** A live (not retired) object, or undefined. */
  object(key: string): ObjectDefinition | undefined {
    const o = this.document('object', key);
    return o && !o.retired ? o : undefined;
  }

  objects(): ObjectDefinition[] {
    return this.ofKind('object').filter((o) => !o.retired);
  }

  roles(): RoleDefinition[] {
    return this.ofKind('role');
  }

  /** The compiled form of a live object (validators, rules, formulas), built once. */
  compiledObject(key: string): CompiledObject | undefined {
    let hit = this.compiled.get(key);
    if (!hit) {
      const object = this.object(key);
      if (!object) return undefined;
      hit = compileObject(object, this.expressions);
      this.compiled.set(key, hit);
    }
    return hit;
  }
}

export const EMPTY_METADATA = new PublishedMetadata(0, []);
