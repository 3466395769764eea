import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { KIND_SCHEMAS, SHARED_SCHEMAS } from '../kinds/metadata-kind.registry';

const SCHEMAS_DIR = join(__dirname, '../../../../schemas');
const files = readdirSync(SCHEMAS_DIR).filter((f) => f.endsWith('.schema.json'));
const onDisk = files.map((f) => JSON.parse(readFileSync(join(SCHEMAS_DIR, f), 'utf8')) as Record<string, unknown>);

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every subschema that documents a property or a definition, with its location. */
function documentedNodes(node: unknown, at: string, out: [string, Node][] = []): [string, Node][] {
  if (Array.isArray(node)) node.forEach((n, i) => documentedNodes(n, `${at}/${i}`, out));
  if (!isNode(node)) return out;
  for (const [k, v] of Object.entries(node)) {
    if ((k === 'properties' || k === '$defs') && isNode(v)) {
      for (const [name, sub] of Object.entries(v)) if (isNode(sub)) out.push([`${at}/${k}/${name}`, sub]);
    }
    if (!['enum', 'const', 'default', 'examples'].includes(k)) documentedNodes(v, `${at}/${k}`, out);
  }
  return out;
}

describe('the schemas folder (the metadata contract)', () => {
  it('registers every schema file, and nothing else', () => {
    const registered = [...SHARED_SCHEMAS, ...Object.values(KIND_SCHEMAS)].map((s) => s.$id).sort();
    expect(registered).toEqual(onDisk.map((s) => s.$id).sort());
  });

  it.each(files.map((f, i) => [f, onDisk[i]] as const))('%s has a stable $id named after its file, draft 2020-12', (file, schema) => {
    expect(schema.$id).toBe(`https://tessera.dev/schemas/${file}`);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it.each(Object.entries(KIND_SCHEMAS))('the %s schema fixes its kind with a const', (kind, schema) => {
    expect((schema.properties as Node).kind).toMatchObject({ const: kind });
  });

  it('documents every property and definition (the designer shows these descriptions)', () => {
    const undocumented = onDisk.flatMap((s) =>
      documentedNodes(s, String(s.$id)).filter(([, n]) => typeof n.description !== 'string' || n.description.length === 0).map(([at]) => at),
    );
    expect(undocumented).toEqual([]);
  });

  it('compiles in AJV strict mode without warnings', () => {
    const warnings: string[] = [];
    const logger = { log: () => undefined, warn: (...a: unknown[]) => warnings.push(a.join(' ')), error: (...a: unknown[]) => warnings.push(a.join(' ')) };
    const ajv = new Ajv2020({ strict: true, strictRequired: false, discriminator: true, logger });
    addFormats(ajv);
    ajv.addSchema(onDisk);
    for (const s of onDisk) expect(ajv.getSchema(String(s.$id))).toBeDefined();
    expect(warnings).toEqual([]);
  });
});
