const preset = require('../../jest.preset.js');

// Server tests boot the real app against PostgreSQL or embedded PGlite: give them time.
module.exports = {
  ...preset,
  displayName: require('./package.json').name,
  testTimeout: 30000,
  transform: {
    ...preset.transform,
    '/node_modules/@electric-sql/pglite/dist/.+\\.cjs$': '<rootDir>/test/support/builtin-dynamic-import.transform.js',
  },
  transformIgnorePatterns: ['/node_modules/(?!@electric-sql/pglite/dist/)'],
};
