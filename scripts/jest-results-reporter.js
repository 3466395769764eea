// Writes each Jest run's totals to .test-results/<project>.json so `npm test`
// can print one summary line over every project (Nx caches and restores the file).
const fs = require('node:fs');
const path = require('node:path');

class ResultsReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const project = require(path.join(this.rootDir, 'package.json')).name.replace(/^@tessera\//, '');
    const dir = path.join(__dirname, '..', '.test-results');
    fs.mkdirSync(dir, { recursive: true });
    const totals = {
      project,
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
      suites: results.numTotalTestSuites,
    };
    fs.writeFileSync(path.join(dir, `${project}.json`), JSON.stringify(totals) + '\n');
  }
}

module.exports = ResultsReporter;
