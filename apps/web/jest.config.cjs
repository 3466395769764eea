// CommonJS on purpose: this package is "type": "module" and Jest reads its config with require().
module.exports = { ...require('../../jest.preset.js'), displayName: require('./package.json').name };
