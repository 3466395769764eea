// CommonJS on purpose: this package is "type": "module" and Jest reads its config with require().
const preset = require('../../jest.preset.js');

module.exports = {
  ...preset,
  displayName: require('./package.json').name,
  // A failed boot can leave the embedded database running; exit rather than hang CI.
  forceExit: true,
  // The browser tests boot the built server in-process; without DATABASE_URL it runs on
  // embedded PGlite, whose CommonJS build needs the server's dynamic-import transform under Jest.
  transform: {
    ...preset.transform,
    '/node_modules/@electric-sql/pglite/dist/.+\\.cjs$': '<rootDir>/../server/test/support/builtin-dynamic-import.transform.js',
  },
  transformIgnorePatterns: ['/node_modules/(?!@electric-sql/pglite/dist/)'],
};
