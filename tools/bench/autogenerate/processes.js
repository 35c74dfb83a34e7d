// The process comparison: each tool as its users run it, a whole `node` process from start to
// exit (Node, the libraries, the entities, connecting, comparing, writing):
// - initial, on an empty database: our CLI's `migrate -m initial` in a small Nest app
//   (cli-app.js) against TypeORM's `cli.js migration:generate -d <data source file>`;
// - up to date: our CLI's `check` on the schema its own revision built (`upgrade heads`) against
//   `migration:generate --check` (TypeORM's dry run) on the schema its own `synchronize()`
//   built, which runs the statements its generator writes.
// - the Nest app alone: the app of our CLI booted and closed without MigrationModule or a
//   command (Nest, @nestjs/typeorm and TypeORM loaded, nothing connected): what any Nest CLI
//   pays before a command runs, which TypeORM's CLI does not.
// TypeORM's CLI runs under node directly, so npx's own start-up is not charged to it.
const fs = require('node:fs');
const path = require('node:path');
const { timed } = require('../bench-support');
const { writeCliApp, writeNestApp } = require('./cli-app');
const { dataSourceFor, writeDataSourceFile } = require('./entities');
const { migrationsDirectory } = require('./in-process');

const TYPEORM_CLI = require.resolve('typeorm/cli.js');

/** Runs `node <args>` in `root` and answers its wall time in ms; a non-zero exit stops the benchmark. */
const node = (root, args) => timed(process.execPath, args, { cwd: root, env: { ...process.env, NO_COLOR: '1' } });

/** Our CLI app over a fresh migrations directory: [main.js, the migrations directory]. */
function cliApp(db, count, root, label) {
  const migrations = migrationsDirectory(root, `${label}-migrations`);
  return [writeCliApp(path.join(root, `${label}-app`), db, count, migrations), migrations];
}

/** TypeORM's data source file and the path its CLI writes the migration to. */
function typeormProject(db, count, root, label) {
  return [writeDataSourceFile(path.join(root, label, 'datasource.js'), db, count), path.join(root, label, 'migrations', 'Initial')];
}

/** Our `migrate` on the empty database `db`: its time in ms. */
function nestMigrateInitial(db, count, root, label) {
  const [main, migrations] = cliApp(db, count, root, label);
  const { ms } = node(root, [main, 'migrate', '-m', 'initial']);
  if (fs.readdirSync(path.join(migrations, 'versions')).length === 0) throw new Error('nest-migrate (CLI) wrote no revision');
  return ms;
}

/** TypeORM's `migration:generate` on the empty database `db`: its time in ms. */
function typeormInitial(db, count, root, label) {
  const [dataSource, migration] = typeormProject(db, count, root, label);
  return node(root, [TYPEORM_CLI, 'migration:generate', migration, '-d', dataSource]).ms;
}

/** Builds the schema on `db` with our revision (untimed); answers a function that times one `check`. */
function nestMigrateUpToDate(db, count, root, label) {
  const [main] = cliApp(db, count, root, label);
  node(root, [main, 'migrate', '-m', 'initial']);
  node(root, [main, 'upgrade', 'heads']);
  // `check` exits 1 when the schema differs, which stops the benchmark.
  return async () => node(root, [main, 'check']).ms;
}

/** Builds the schema on `db` with TypeORM's synchronize() (untimed); answers a function that times one `--check`. */
async function typeormUpToDate(db, count, root, label) {
  const dataSource = dataSourceFor(db, count);
  await dataSource.initialize();
  try {
    await dataSource.synchronize();
  } finally {
    await dataSource.destroy();
  }
  const [file, migration] = typeormProject(db, count, root, label);
  // `--check` exits 1 when it would generate anything, which stops the benchmark.
  return async () => node(root, [TYPEORM_CLI, 'migration:generate', migration, '--check', '-d', file]).ms;
}

/** The app of our CLI for `db` without MigrationModule, booted and closed: its time in ms. */
function nestAppAlone(db, count, root, label) {
  return node(root, [writeNestApp(path.join(root, `${label}-app`), db, count)]).ms;
}

module.exports = {
  nestAppAlone,
  nestMigrateInitial,
  nestMigrateUpToDate,
  typeormInitial,
  typeormUpToDate,
  TYPEORM_CLI,
};
