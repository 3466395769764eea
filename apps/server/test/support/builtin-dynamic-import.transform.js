// Jest runs CommonJS inside a vm that has no ESM loader, so `import("fs")` throws there
// unless Node runs with --experimental-vm-modules. PGlite's CommonJS build loads Node
// built-ins that way (and only those); this rewrites each such call to
// process.getBuiltinModule (Node >= 20.16), giving the same namespace shape.
/* global module, require */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- Jest loads transformers with require()
const { createHash } = require('node:crypto');

const VERSION = '1';
const BUILTIN_IMPORT = /\bimport\((["'])((?:node:)?[a-z_]+(?:\/[a-z_]+)?)\1\)/g;

module.exports = {
  process(source) {
    const code = source.replace(
      BUILTIN_IMPORT,
      (_match, quote, id) =>
        `Promise.resolve(((m) => ({ ...m, default: m }))(globalThis.process.getBuiltinModule(${quote}${id}${quote})))`,
    );
    return { code };
  },
  getCacheKey(source, filename) {
    return createHash('sha256').update(VERSION).update(filename).update(source).digest('hex');
  },
};
