/** Returns the TypeScript source generated from the schemas in dir (schemas/ by default). */
export function generateTypes(dir?: string): Promise<string>;
/** Where the generated types are written. */
export const OUTPUT: string;
/** The schemas folder. */
export const SCHEMAS_DIR: string;
