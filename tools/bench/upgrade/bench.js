#!/usr/bin/env node
// Upgrade benchmark: from a fresh database to every revision applied, for linear chains of
// 100 and 1,000 revisions that each create one small table, on PostgreSQL and SQLite. In
// the same run it times nest-migrate as a deploy step (a fresh `node` process calling
// `upgrade(config, 'heads')`), the raw-SQL floor (the same statements and version-table rows
// as one psql / sqlite3 script in one transaction), TypeORM's own `migration:run` and Alembic
// 1.8's `upgrade head` (Debian's python3-alembic, with python3-psycopg2 for PostgreSQL).
// Each sample gets a fresh database, dropped after; the table shows medians.
// Run after `npm run build`:  node tools/bench/upgrade/bench.js [--runs 3] [--counts 100,1000] [--dialects postgres,sqlite] [--variants]
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { measureEach, median, onFreshDatabase, option, timed } = require('../bench-support');
const { buildGraph } = require('../graph/generate');
const { writeAlembic, writeFloorScript, writeRevisions, writeTypeOrm } = require('./workload');

const runs = Number(option('runs', 3));
const counts = option('counts', '100,1000').split(',').map(Number);
const dialects = option('dialects', 'postgres,sqlite').split(',');

const RUNNER = path.join(__dirname, 'run-upgrade.js');
// The file `npx typeorm` resolves to; run with node directly so npx's own start-up (a few
// hundred ms of npm) is not charged to TypeORM.
const TYPEORM_CLI = require.resolve('typeorm/cli.js');

// Debian's python3 with python3-alembic (1.8) and python3-psycopg2.
const PYTHON = '/usr/bin/python3';

/** The database's URL as SQLAlchemy spells it. */
const sqlalchemyUrl = (db) =>
  db.dialect === 'sqlite' ? `sqlite:///${path.resolve(sqliteFile(db))}` : db.url.replace(/^postgres:/, 'postgresql+psycopg2:');

/** One query's rows as text, through the dialect's own CLI (not timed). */
function query(db, sql) {
  const result =
    db.dialect === 'sqlite'
      ? spawnSync('sqlite3', [sqliteFile(db), sql], { encoding: 'utf8' })
      : spawnSync('psql', ['-X', '-qAt', '-v', 'ON_ERROR_STOP=1', '-d', db.url, '-c', sql], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`checking ${db.dialect} failed: ${result.stderr}`);
  return result.stdout.trim();
}

const sqliteFile = (db) => db.url.slice('sqlite:'.length);

/** A benchmark that answered wrongly is worth nothing: every table is there and the bookkeeping ends at the head. */
function check(db, tool, graph, bookkeeping) {
  const tables =
    db.dialect === 'sqlite'
      ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name LIKE 't\\_%' ESCAPE '\\'"
      : "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = 'public' AND tablename LIKE 't\\_%'";
  const found = Number(query(db, tables));
  const recorded = query(db, bookkeeping);
  const expected = tool === 'typeorm' ? String(graph.length) : graph[graph.length - 1].revision;
  if (found !== graph.length || recorded !== expected) {
    throw new Error(`${tool} on ${db.dialect}: ${found} of ${graph.length} tables, bookkeeping '${recorded}' instead of '${expected}'`);
  }
}

/** The deploy step: process start, library load, connect, lock, every revision, close. */
function nestMigrate(folder) {
  return async ({ db, root }) => {
    const { ms, stdout } = timed(process.execPath, [RUNNER, path.join(root, folder), db.url]);
    return { ms, upgradeMs: JSON.parse(stdout).upgradeMs, bookkeeping: 'SELECT version_num FROM migration_version' };
  };
}

const tools = {
  nestMigrate: nestMigrate('nest-migrate'),
  async floor({ db, root }) {
    const script = path.join(root, `floor-${db.dialect}.sql`);
    const { ms } =
      db.dialect === 'sqlite'
        ? timed('sqlite3', ['-bail', sqliteFile(db)], { input: fs.readFileSync(script) })
        : timed('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-1', '-d', db.url, '-f', script]);
    return { ms, bookkeeping: 'SELECT version_num FROM migration_version' };
  },
  async alembic({ db, root }) {
    const env = { ...process.env, BENCH_DATABASE_URL: sqlalchemyUrl(db) };
    const { ms } = timed(PYTHON, ['-m', 'alembic', '-c', path.join(root, 'alembic', 'alembic.ini'), 'upgrade', 'head'], { env });
    return { ms, bookkeeping: 'SELECT version_num FROM alembic_version' };
  },
  async typeorm({ db, root, graph, run }) {
    const dir = path.join(root, `typeorm-${db.dialect}-${run}`);
    const target = { dialect: db.dialect, url: db.url, file: db.dialect === 'sqlite' ? sqliteFile(db) : undefined };
    const dataSource = writeTypeOrm(dir, target, graph);
    const { ms } = timed(process.execPath, [TYPEORM_CLI, 'migration:run', '-d', dataSource]);
    return { ms, bookkeeping: 'SELECT count(*) FROM migrations' };
  },
};

// --variants: a diagnostic column with the revisions as plain .js, which prices compiling .ts.
const variants = process.argv.includes('--variants');
if (variants) tools.nestMigrateJs = nestMigrate('nest-migrate-js');

/** Runs `work` on a fresh database, dropped after. */
const once = (dialect, work) => onFreshDatabase(dialect, 'bench_upgrade', work);

async function measure(dialect, count) {
  const graph = buildGraph('linear', count);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nest-migrate-bench-upgrade-'));
  try {
    writeRevisions(path.join(root, 'nest-migrate'), graph);
    if (variants) writeRevisions(path.join(root, 'nest-migrate-js'), graph, { extension: 'js' });
    writeFloorScript(path.join(root, `floor-${dialect}.sql`), dialect, graph);
    writeAlembic(path.join(root, 'alembic'), graph);
    const samples = Object.fromEntries([...Object.keys(tools), 'upgradeMs'].map((key) => [key, []]));
    const ratios = { floor: [], typeorm: [], alembic: [] };
    // The first run compiles every .ts revision into versions/__revcache__/; it is reported on its
    // own, and the timed runs after it read the cache, as every deploy after the first does.
    let firstRun;
    await once(dialect, async (db) => {
      firstRun = (await tools.nestMigrate({ db, root, graph, run: -1 })).ms;
    });
    // Likewise Alembic's first run writes versions/__pycache__/, which every later run reads.
    await once(dialect, (db) => tools.alembic({ db, root }));
    // Tools take turns within each run, so drift on the machine hits them alike.
    for (let run = 0; run < runs; run++) {
      for (const [tool, time] of Object.entries(tools)) {
        await once(dialect, async (db) => {
          const result = await time({ db, root, graph, run });
          check(db, tool, graph, result.bookkeeping);
          samples[tool].push(result.ms);
          if (tool === 'nestMigrate') samples.upgradeMs.push(result.upgradeMs);
        });
      }
      // Ratios within a run: its tools ran back to back, so a busy spell on the machine skews them least.
      ratios.floor.push(samples.nestMigrate[run] / samples.floor[run]);
      ratios.typeorm.push(samples.nestMigrate[run] / samples.typeorm[run]);
      ratios.alembic.push(samples.nestMigrate[run] / samples.alembic[run]);
    }
    return {
      firstRun,
      ...Object.fromEntries(Object.entries(samples).map(([key, values]) => [key, median(values)])),
      toFloor: median(ratios.floor),
      toTypeorm: median(ratios.typeorm),
      toAlembic: median(ratios.alembic),
    };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

async function main() {
  const rows = await measureEach(dialects, counts, measure);
  const ms = (v) => Math.round(v).toLocaleString('en');
  // typeorm's exports map hides its package.json from require.
  const typeormVersion = JSON.parse(fs.readFileSync(path.join(path.dirname(TYPEORM_CLI), 'package.json'), 'utf8')).version;
  const [cpu] = os.cpus();
  console.log(
    `Node ${process.version}, ${os.cpus().length} cores (${cpu ? cpu.model.trim() : 'unknown CPU'}), ${os.platform()}; ` +
      `${query({ dialect: 'sqlite', url: 'sqlite::memory:' }, "SELECT 'SQLite ' || sqlite_version()")}, ` +
      `PostgreSQL ${/\d+(\.\d+)*/.exec(spawnSync('psql', ['--version'], { encoding: 'utf8' }).stdout)[0]} (client); ` +
      `median of ${runs} runs after a first (compiling) run, tools interleaved, fresh database each; ` +
      `the ratios are medians of each run's own ratio\n`,
  );
  console.log(
    `| dialect | revisions | nest-migrate, process (ms) | nest-migrate, upgrade() only (ms) | floor: ${'`psql -1` / `sqlite3`'} (ms) | TypeORM ${typeormVersion} migration:run (ms) | Alembic 1.8 upgrade head (ms) | nest-migrate / floor | nest-migrate / TypeORM | nest-migrate / Alembic | first run, compiling (ms) |` +
      (variants ? ' nest-migrate, .js revisions (ms) |' : ''),
  );
  console.log(`| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |${variants ? ' ---: |' : ''}`);
  for (const r of rows) {
    console.log(
      `| ${r.dialect} | ${r.count.toLocaleString('en')} | ${ms(r.nestMigrate)} | ${ms(r.upgradeMs)} | ${ms(r.floor)} | ${ms(r.typeorm)} | ${ms(r.alembic)} | ${r.toFloor.toFixed(2)}x | ${r.toTypeorm.toFixed(2)}x | ${r.toAlembic.toFixed(2)}x | ${ms(r.firstRun)} |` +
        (variants ? ` ${ms(r.nestMigrateJs)} |` : ''),
    );
  }
}

main().catch((error) => {
  console.error(error.stack ?? error);
  process.exitCode = 1;
});
