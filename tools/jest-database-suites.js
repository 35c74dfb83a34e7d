// Runs before every spec file (setupFilesAfterEnv of the migration and demo projects).
// Integration and end-to-end suites talk to real servers and spawn processes, which on a loaded
// machine take far longer than Jest's 5 s default: they get timeouts that fit a slow run. And
// whatever a suite's own hooks did, every database the file created is dropped when it ends.
'use strict';
const { dropTestDatabases } = require('./db/test-database');

const SLOW_SUITE_TIMEOUT_MS = { 'int-spec': 120_000, 'e2e-spec': 300_000 };

const kind = /\.(int-spec|e2e-spec)\.ts$/.exec(expect.getState().testPath ?? '')?.[1];
if (kind !== undefined) jest.setTimeout(SLOW_SUITE_TIMEOUT_MS[kind]);

// The file's last word: a database its own afterAll dropped already is not dropped twice.
afterAll(() => dropTestDatabases());
