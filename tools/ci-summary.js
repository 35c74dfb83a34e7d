#!/usr/bin/env node
// Prints the closing line CI reads, `N passed, N failed` (plus `, N skipped` when any
// were skipped), from the JSON report Jest wrote, and exits non-zero unless tests ran
// and none failed.
'use strict';
const fs = require('node:fs');

function summaryLine(report) {
  // A suite that fails before running (a load error, or an unreachable server under CI)
  // has no failed tests in Jest's counts; count it as one so the line cannot read "0 failed".
  const failed = report.numFailedTests + report.numRuntimeErrorTestSuites;
  const skipped = report.numPendingTests + report.numTodoTests;
  return `${report.numPassedTests} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
}

function main(reportFile) {
  if (!reportFile) {
    console.error('usage: node tools/ci-summary.js <jest-report.json>');
    return 2;
  }
  if (!fs.existsSync(reportFile)) {
    console.error(`error: no Jest report at ${reportFile}; the build or Jest stopped before any test ran`);
    return 1;
  }
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
  console.log(summaryLine(report));
  const failed = report.numFailedTests + report.numRuntimeErrorTestSuites;
  const isGreen = failed === 0 && report.numTotalTests > 0 && !report.snapshot.failure && !report.wasInterrupted;
  return isGreen ? 0 : 1;
}

if (require.main === module) {
  process.exitCode = main(process.argv[2]);
}

module.exports = { summaryLine };
