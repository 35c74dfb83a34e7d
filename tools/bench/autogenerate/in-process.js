// The in-process comparison: each tool's compare timed inside this process, its DataSource
// already initialized, so only the autogenerate work itself is on the clock.
// - initial: an empty database; nest-migrate `migrate` (compare, render, write the revision)
//   against what `typeorm migration:generate` does once connected (`createSchemaBuilder().log()`,
//   the template, the file);
// - up to date: nest-migrate `checkSchema` after `upgrade heads` of its own revision, against
//   TypeORM's `log()` after its own `synchronize()`: both compare only and should find nothing;
// - queries: every query each tool sends during the compare, counted by a TypeORM logger.
const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { checkSchema, init, migrate, NodeFileSystem, upgrade } = require('@nest-migrate/migration/core');
const { MigrationGenerateCommand } = require('typeorm/commands/MigrationGenerateCommand.js');
const { dataSourceFor, queryCounter } = require('./entities');

/** A fresh migrations directory, as `init` makes it. */
function migrationsDirectory(root, label) {
  const directory = path.join(root, label);
  init(new NodeFileSystem(), { directory });
  return directory;
}

/** A timed async call: [ms, result]. */
async function time(fn) {
  const start = performance.now();
  const result = await fn();
  return [performance.now() - start, result];
}

/** nest-migrate in-process: migrate on the empty database, upgrade heads, then check. */
async function nestMigrate(db, count, root, label) {
  const counter = queryCounter();
  const dataSource = dataSourceFor(db, count, counter);
  await dataSource.initialize();
  try {
    const config = { directory: migrationsDirectory(root, label), database: { dataSource } };
    counter.counting = true;
    const [initialMs, result] = await time(() => migrate(config, { message: 'initial' }));
    counter.counting = false;
    const initialQueries = counter.count;
    if (!result.created || !fs.existsSync(result.created.path)) throw new Error(`nest-migrate wrote no revision for ${count} entities`);
    await upgrade(config, 'heads');
    counter.count = 0;
    counter.counting = true;
    const [upToDateMs] = await time(() => checkSchema(config)); // throws SchemaDiffersError if not up to date
    counter.counting = false;
    const upToDateQueries = counter.count;
    // What TypeORM's generator says about the schema nest-migrate's revision built.
    const typeormOnOurs = (await dataSource.driver.createSchemaBuilder().log()).upQueries;
    return { initialMs, upToDateMs, initialQueries, upToDateQueries, ops: result.comparison.ops.length, typeormOnOurs };
  } finally {
    await dataSource.destroy();
  }
}

/** What `typeorm migration:generate` does once its DataSource is initialized: log(), the template, the file. */
async function typeormGenerate(dataSource, file) {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  const line = (q) =>
    '        await queryRunner.query(`' +
    MigrationGenerateCommand.escapeTemplateLiteral(q.query) +
    '`' +
    MigrationGenerateCommand.queryParams(q.parameters) +
    ');';
  const up = sql.upQueries.map(line);
  const down = sql.downQueries.map(line);
  fs.writeFileSync(file, MigrationGenerateCommand.getTemplate('Initial', 1764064800000, up, down.reverse()));
  return sql.upQueries.length;
}

/** TypeORM in-process: generate on the empty database, synchronize(), then log() again. */
async function typeorm(db, count, root, label) {
  const counter = queryCounter();
  const dataSource = dataSourceFor(db, count, counter);
  await dataSource.initialize();
  try {
    counter.counting = true;
    const [initialMs, statements] = await time(() => typeormGenerate(dataSource, path.join(root, `${label}-Initial.ts`)));
    counter.counting = false;
    const initialQueries = counter.count;
    if (statements === 0) throw new Error(`TypeORM generated nothing for ${count} entities`);
    await dataSource.synchronize();
    counter.count = 0;
    counter.counting = true;
    const [upToDateMs, sql] = await time(() => dataSource.driver.createSchemaBuilder().log());
    counter.counting = false;
    if (sql.upQueries.length > 0) throw new Error(`TypeORM is not up to date after its own synchronize(): ${sql.upQueries[0].query}`);
    return { initialMs, upToDateMs, initialQueries, upToDateQueries: counter.count, statements };
  } finally {
    await dataSource.destroy();
  }
}

module.exports = { migrationsDirectory, nestMigrate, typeorm };
