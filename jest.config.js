// One Jest run over every project, so `npm test` prints one summary for the whole workspace.
const report = process.env.NEST_MIGRATE_JEST_REPORT;

module.exports = {
  projects: ['<rootDir>/libs/migration', '<rootDir>/libs/schematics', '<rootDir>/apps/demo', '<rootDir>/tools/consumer'],
  // Integration hooks create and drop databases: on a loaded machine a PostgreSQL drop alone takes
  // seconds, and a suite that drops several in one hook outran Jest's default 5 s.
  testTimeout: 60_000,
  // .ci/run sets the variable to get Jest's counts as JSON for its closing summary line.
  ...(report ? { reporters: ['default', ['<rootDir>/tools/jest-json-reporter.js', { outputFile: report }]] } : {}),
};
