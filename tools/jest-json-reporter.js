// A Jest reporter that writes the run's aggregated results as JSON, the same counts
// `jest --json` prints. Jest takes --json only on its command line, which `npm test`
// does not pass through, so the root config adds this reporter when asked to by env.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

class JsonReportWriter {
  constructor(_globalConfig, options) {
    if (!options || !options.outputFile) {
      throw new Error('tools/jest-json-reporter.js needs an outputFile option');
    }
    this.outputFile = options.outputFile;
  }

  onRunComplete(_testContexts, results) {
    fs.mkdirSync(path.dirname(this.outputFile), { recursive: true });
    // Jest sets `success` only after the reporters ran, so the copy here would always
    // read false; leave it out and let readers judge by the counts.
    const { success: _notFinalYet, ...counts } = results;
    fs.writeFileSync(this.outputFile, JSON.stringify(counts));
  }
}

module.exports = JsonReportWriter;
