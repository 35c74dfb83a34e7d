// One Jest run over every project, so `npm test` prints one summary for the whole workspace.
module.exports = {
  projects: ['<rootDir>/libs/migration', '<rootDir>/libs/schematics', '<rootDir>/apps/demo'],
};
