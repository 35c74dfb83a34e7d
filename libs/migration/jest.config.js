module.exports = {
  ...require('../../jest.preset'),
  displayName: 'migration',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
};
