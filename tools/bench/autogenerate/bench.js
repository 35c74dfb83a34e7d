#!/usr/bin/env node
// Autogenerate benchmark: N entities (EntitySchema; seven mixed-type columns, a unique column,
// an index and a ManyToOne to the entity before each) against PostgreSQL and SQLite, nest-migrate
// next to TypeORM's own generator in the same run:
// - initial: an empty database; nest-migrate `migrate` (compare, render, write the revision) against
//   what `typeorm migration:generate` does in-process (`createSchemaBuilder().log()`, the template,
//   the file), with the DataSource already initialized for both; and each as a whole process
//   (`run-migrate.js` against TypeORM's `cli.js migration:generate -d`), connection and all.
// - up to date: nest-migrate `checkSchema` after `upgrade heads` of its own revision, against TypeORM's
//   `log()` after its own `synchronize()`: both compare only and should find nothing.
// - queries: every query each tool sends during the compare, counted by a TypeORM logger.
// In-process numbers follow one untimed warm-up sample; each sample gets a fresh database, dropped after.
// Run after `npm run build`:  node tools/bench/autogenerate/bench.js [--runs 3] [--counts 50,300] [--dialects postgres,sqlite]
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { checkSchema, init, migrate, NodeFileSystem, upgrade } = require('@nest-migrate/migration/core');
const { MigrationGenerateCommand } = require('typeorm/commands/MigrationGenerateCommand.js');
const { median, onFreshDatabase, option, timed } = require('../bench-support');
const { dataSourceFor, queryCounter, writeDataSourceFile } = require('./entities');

const runs = Number(option('runs', 3));
const counts = option('counts', '50,300').split(',').map(Number);
const dialects = option('dialects', 'postgres,sqlite').split(',');

const RUNNER = path.join(__dirname, 'run-migrate.js');
// Run TypeORM's CLI with node directly, so npx's own start-up is not charged to it.
const TYPEORM_CLI = require.resolve('typeorm/cli.js');

/** Runs `work` on a fresh database, dropped after. */
const once = (dialect, work) => onFreshDatabase(dialect, 'bench_autogen', work);

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

const processes = {
  nestMigrate: (db, count, root, label) => {
    const { ms, stdout } = timed(process.execPath, [RUNNER, migrationsDirectory(root, label), db.dialect, db.url, String(count)]);
    if (!JSON.parse(stdout).file) throw new Error('nest-migrate (process) wrote no revision');
    return ms;
  },
  typeorm: (db, count, root, label) => {
    const dataSource = writeDataSourceFile(path.join(root, label, 'datasource.js'), db, count);
    return timed(process.execPath, [TYPEORM_CLI, 'migration:generate', path.join(root, label, 'migrations', 'Initial'), '-d', dataSource])
      .ms;
  },
};

async function measure(dialect, count) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nest-migrate-bench-autogenerate-'));
  // A generated revision imports helpers from '@nest-migrate/migration'; the temporary directory
  // has no node_modules, so upgrade could not load it without this link to the workspace's.
  fs.symlinkSync(path.resolve(__dirname, '../../../node_modules'), path.join(root, 'node_modules'), 'dir');
  try {
    // Warm-up, untimed: the first compare in a process pays for JIT and lazy loading.
    await once(dialect, (db) => nestMigrate(db, count, root, 'warm-nm'));
    await once(dialect, (db) => typeorm(db, count, root, 'warm-typeorm'));
    const samples = { nm: [], typeorm: [], nmProcess: [], typeormProcess: [] };
    // Tools take turns within each run, so drift on the machine hits them alike.
    for (let run = 0; run < runs; run++) {
      samples.nm.push(await once(dialect, (db) => nestMigrate(db, count, root, `nm-${run}`)));
      samples.typeorm.push(await once(dialect, (db) => typeorm(db, count, root, `typeorm-${run}`)));
      samples.nmProcess.push(await once(dialect, async (db) => processes.nestMigrate(db, count, root, `nm-process-${run}`)));
      samples.typeormProcess.push(await once(dialect, async (db) => processes.typeorm(db, count, root, `typeorm-process-${run}`)));
    }
    const of = (list, key) => median(list.map((s) => s[key]));
    return {
      nmInitial: of(samples.nm, 'initialMs'),
      nmUpToDate: of(samples.nm, 'upToDateMs'),
      nmInitialQueries: of(samples.nm, 'initialQueries'),
      nmQueries: of(samples.nm, 'upToDateQueries'),
      ops: samples.nm[0].ops,
      typeormOnOurs: samples.nm[0].typeormOnOurs,
      typeormInitial: of(samples.typeorm, 'initialMs'),
      typeormUpToDate: of(samples.typeorm, 'upToDateMs'),
      typeormInitialQueries: of(samples.typeorm, 'initialQueries'),
      typeormQueries: of(samples.typeorm, 'upToDateQueries'),
      statements: samples.typeorm[0].statements,
      nmProcess: median(samples.nmProcess),
      typeormProcess: median(samples.typeormProcess),
    };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

async function main() {
  const rows = [];
  for (const dialect of dialects) {
    for (const count of counts) {
      rows.push({ dialect, count, ...(await measure(dialect, count)) });
      process.stderr.write(`done: ${dialect} ${count}\n`);
    }
  }
  const ms = (v) => (v < 100 ? v.toFixed(1) : Math.round(v).toLocaleString('en'));
  const typeormVersion = JSON.parse(fs.readFileSync(path.join(path.dirname(TYPEORM_CLI), 'package.json'), 'utf8')).version;
  const sqlite = spawnSync('sqlite3', ['--version'], { encoding: 'utf8' }).stdout;
  const [cpu] = os.cpus();
  console.log(
    `Node ${process.version}, ${os.cpus().length} cores (${cpu ? cpu.model.trim() : 'unknown CPU'}), ${os.platform()}; ` +
      `SQLite ${require('better-sqlite3')(':memory:').prepare('SELECT sqlite_version() AS v').get().v} (better-sqlite3), ` +
      `PostgreSQL ${(sqlite, /\d+(\.\d+)*/.exec(spawnSync('psql', ['--version'], { encoding: 'utf8' }).stdout)[0])} (client); ` +
      `median of ${runs} runs after one warm-up, fresh database each\n`,
  );
  console.log(
    `| dialect | entities | nest-migrate initial (ms) | TypeORM ${typeormVersion} generate (ms) | nest-migrate up to date (ms) | TypeORM up to date (ms) | ` +
      `queries, up to date: nest-migrate / TypeORM | queries, initial: nest-migrate / TypeORM | nest-migrate process (ms) | TypeORM CLI process (ms) |`,
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    console.log(
      `| ${r.dialect} | ${r.count} | ${ms(r.nmInitial)} | ${ms(r.typeormInitial)} (${(r.typeormInitial / r.nmInitial).toFixed(1)}x) | ` +
        `${ms(r.nmUpToDate)} | ${ms(r.typeormUpToDate)} (${(r.typeormUpToDate / r.nmUpToDate).toFixed(1)}x) | ` +
        `${r.nmQueries} / ${r.typeormQueries} | ${r.nmInitialQueries} / ${r.typeormInitialQueries} | ${ms(r.nmProcess)} | ${ms(r.typeormProcess)} |`,
    );
  }
  console.log('');
  for (const r of rows) {
    console.log(
      `- ${r.dialect}, ${r.count} entities: nest-migrate wrote ${r.ops} ops, TypeORM ${r.statements} statements; ` +
        `on the schema nest-migrate's revision built, TypeORM's generator still finds ${r.typeormOnOurs.length} statement(s)` +
        (r.typeormOnOurs.length ? ` (first: ${r.typeormOnOurs[0].query.slice(0, 160)})` : ''),
    );
  }
}

main().catch((error) => {
  console.error(error.stack ?? error);
  process.exitCode = 1;
});
