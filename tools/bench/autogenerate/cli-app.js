// The nest-migrate side of the process comparison: a small Nest app whose `main.js` is the
// migration CLI, as a user's app has it (compare apps/demo/src/main.ts). Its root module imports
// TypeOrmModule over the benchmark's entities, unconnected until a command needs the database
// (`manualInitialization`, as the demo's CLI does), and MigrationModule.forRoot.
const fs = require('node:fs');
const path = require('node:path');
const { connectionOptions } = require('./entities');

/**
 * Writes `<directory>/main.js` for `db` and `count` entities, with `migrations` as the
 * migrations directory; answers its path. Run it as `node main.js migrate -m x` or `check`.
 */
function writeCliApp(directory, db, count, migrations) {
  const file = path.join(directory, 'main.js');
  fs.mkdirSync(directory, { recursive: true });
  fs.writeFileSync(
    file,
    `const { Module } = require('@nestjs/common');
const { TypeOrmModule } = require('@nestjs/typeorm');
const { MigrationModule, runMigrationCli } = require('@nest-migrate/migration');
const { buildEntities } = require(${JSON.stringify(require.resolve('./entities'))});

class BenchModule {}
Module({})(BenchModule);

runMigrationCli({
  module: BenchModule,
  imports: [
    TypeOrmModule.forRoot({
      ...${JSON.stringify({ ...connectionOptions(db), logging: false })},
      entities: buildEntities(${count}, ${JSON.stringify(db.dialect)}),
      manualInitialization: true,
    }),
    MigrationModule.forRoot({ directory: ${JSON.stringify(migrations)} }),
  ],
});
`,
  );
  return file;
}

module.exports = { writeCliApp };
