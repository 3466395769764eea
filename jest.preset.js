// Shared Jest settings: SWC transform (fast, keeps decorator metadata for Nest),
// workspace libraries resolved from source so tests never need a build first.
const path = require('node:path');
const root = __dirname;

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', {
      jsc: {
        parser: { syntax: 'typescript', decorators: true, tsx: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
        target: 'es2022',
        keepClassNames: true,
      },
      module: { type: 'commonjs' },
    }],
  },
  moduleNameMapper: {
    '^@tessera/metadata$': path.join(root, 'libs/metadata/src/index.ts'),
    '^@tessera/engine$': path.join(root, 'libs/engine/src/index.ts'),
  },
  reporters: ['default', path.join(root, 'scripts/jest-results-reporter.js')],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
};
