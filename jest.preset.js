// Shared by every project's jest.config.js: TypeScript through ts-jest, compiled
// per file (type errors are the build's job), with the libraries mapped to source.
const path = require('node:path');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(__dirname, 'tsconfig.spec.json') }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Timeouts that fit a loaded machine, and every test database dropped when its file ends.
  setupFilesAfterEnv: [path.join(__dirname, 'tools/jest-database-suites.js')],
  moduleNameMapper: {
    '^@nest-migrate/migration$': path.join(__dirname, 'libs/migration/src/index.ts'),
    '^@nest-migrate/migration/core$': path.join(__dirname, 'libs/migration/src/core.ts'),
    '^@nest-migrate/migration/fast-path$': path.join(__dirname, 'libs/migration/src/cli/fast-path.ts'),
    '^@nest-migrate/schematics$': path.join(__dirname, 'libs/schematics/src/index.ts'),
  },
};
