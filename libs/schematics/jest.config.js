const path = require('node:path');
const preset = require('../../jest.preset');

module.exports = {
  ...preset,
  displayName: 'schematics',
  rootDir: __dirname,
  // The e2e spec runs `nx g` on the built collection; it is slow, but it is the one check that
  // `nx g` still finds the collection in this workspace (ARCHITECTURE.md, "Schematics").
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  moduleNameMapper: {
    ...preset.moduleNameMapper,
    '^@nest-migrate/migration/core$': path.join(__dirname, '../migration/src/core.ts'),
  },
};
