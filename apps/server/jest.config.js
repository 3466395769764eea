const preset = require('../../jest.preset.js');

// Server tests boot the real app against PostgreSQL or embedded PGlite: give them time
// (two PGlite boots on a busy 2-core machine can take most of a minute).
module.exports = {
  ...preset,
  displayName: require('./package.json').name,
  testTimeout: 120000,
  // A test that fails mid-boot can leave an embedded database running; exit anyway
  // rather than hang CI until its time limit (the failure itself is still reported).
  forceExit: true,
  transform: {
    ...preset.transform,
    '/node_modules/@electric-sql/pglite/dist/.+\\.cjs$': '<rootDir>/test/support/builtin-dynamic-import.transform.js',
  },
  transformIgnorePatterns: ['/node_modules/(?!@electric-sql/pglite/dist/)'],
};
