module.exports = {
  ...require('../../jest.preset'),
  displayName: 'schematics',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
