module.exports = {
  ...require('../../jest.preset'),
  displayName: 'demo',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/e2e/**/*.e2e-spec.ts'],
};
