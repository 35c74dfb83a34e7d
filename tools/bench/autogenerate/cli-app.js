// The nest-migrate side of the process comparison: a small Nest app whose `main.js` is the
// migration CLI, as a user's app has it (compare apps/demo/src/main.ts). Its root module imports
// TypeOrmModule over the benchmark's entities, unconnected until a command needs the database
// (`manualInitialization`, as the demo's CLI does), and MigrationModule.forRoot.
const fs = require('node:fs');
const path = require('node:path');
const { connectionOptions } = require('./entities');

/** The app's requires and its TypeOrmModule, as source: the part every file below shares. */
function typeormModuleSource(db, count) {
  return {
    requires: `const { Module } = require('@nestjs/common');
const { TypeOrmModule } = require('@nestjs/typeorm');
const { buildEntities } = require(${JSON.stringify(require.resolve('./entities'))});`,
    module: `TypeOrmModule.forRoot({
  ...${JSON.stringify({ ...connectionOptions(db), logging: false })},
  entities: buildEntities(${count}, ${JSON.stringify(db.dialect)}),
  manualInitialization: true,
})`,
  };
}

/**
 * Writes `<directory>/main.js` for `db` and `count` entities, with `migrations` as the
 * migrations directory; answers its path. Run it as `node main.js migrate -m x` or `check`.
 */
function writeCliApp(directory, db, count, migrations) {
  const { requires, module } = typeormModuleSource(db, count);
  return write(
    path.join(directory, 'main.js'),
    `${requires}
const { MigrationModule, runMigrationCli } = require('@nest-migrate/migration');

class BenchModule {}
Module({})(BenchModule);

runMigrationCli({
  module: BenchModule,
  imports: [${module}, MigrationModule.forRoot({ directory: ${JSON.stringify(migrations)} })],
});
`,
  );
}

/**
 * Writes `<directory>/nest-app.js`: the same app without MigrationModule, booted as an application
 * context and closed at once; answers its path. What a Nest CLI costs before any command.
 */
function writeNestApp(directory, db, count) {
  const { requires, module } = typeormModuleSource(db, count);
  return write(
    path.join(directory, 'nest-app.js'),
    `${requires}
const { NestFactory } = require('@nestjs/core');

class BenchModule {}
Module({ imports: [${module}] })(BenchModule);

NestFactory.createApplicationContext(BenchModule, { logger: false }).then((app) => app.close());
`,
  );
}

function write(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

module.exports = { writeCliApp, writeNestApp };
