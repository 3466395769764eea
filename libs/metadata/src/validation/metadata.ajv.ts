import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { KIND_SCHEMAS, SHARED_SCHEMAS, type MetadataKind } from '../kinds/metadata-kind.registry';

// strictRequired is off because a discriminated union keeps `required: [tag]` beside
// its oneOf (AJV's discriminator needs it there); every other strict check stays on.
// verbose gives each error its parentSchema, which the issue messages are built from.
function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, discriminator: true, strict: true, strictRequired: false, verbose: true });
  addFormats(ajv);
  ajv.addSchema([...SHARED_SCHEMAS, ...Object.values(KIND_SCHEMAS)]);
  return ajv;
}

let shared: Ajv2020 | undefined;
const validators = new Map<MetadataKind, ValidateFunction>();

/** The compiled validator of one kind; schemas are compiled once per process, on first use. */
export function kindValidator(kind: MetadataKind): ValidateFunction {
  let validate = validators.get(kind);
  if (!validate) {
    shared ??= createAjv();
    validate = shared.getSchema(KIND_SCHEMAS[kind].$id);
    if (!validate) throw new Error(`schema ${KIND_SCHEMAS[kind].$id} is not registered`);
    validators.set(kind, validate);
  }
  return validate;
}
