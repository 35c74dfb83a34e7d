// The consumer tests: the packed libraries installed into apps outside this workspace.
module.exports = {
  ...require('../../jest.preset'),
  displayName: 'consumer',
  rootDir: __dirname,
  testMatch: ['<rootDir>/*.consumer-spec.ts'],
  // The fixtures are apps of their own, with their own node_modules once installed.
  modulePathIgnorePatterns: ['<rootDir>/fixtures/'],
};
