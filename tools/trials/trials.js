// Crash trials, run on demand (never in CI): `npm run trials -- [options]`.
//
// For each dialect: N times, start `upgrade` of a 200-revision history (each revision creates a
// table, an index and a row) in a process of its own, kill -9 it at a random moment, and judge
// what the database holds. Then run the next command as an operator would, and follow what it
// says. Last, 16 processes run `upgrade` at once on a fresh database. Prints one table row per
// dialect and mode:
//   consistent  the version table describes the schema exactly, and no journal is left;
//   journal     a run journal is left, and the schema is exactly what it reports (statements
//               that ran are there, those that were not reached are not, the one it names as
//               running is either);
//   silent      anything else: a state nobody reports (the target is 0);
//   recovered   the next `upgrade` finished the work, or stopped naming the interrupted
//               revision, after which its "undo and stamp" way out led to the head.
//
// Options: --dialects sqlite,postgres,mysql  --modes default,none  --trials 10  --revisions 200
//          --concurrent 16  --seed <n>
'use strict';
const { spawn } = require('node:child_process');
const { mkdirSync, mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { DataSource } = require('typeorm');
const { parseDatabaseUrl } = require('@nest-migrate/migration/core');
const { createTestDatabase, dialectsUnderTest } = require('../db/test-database');

const RUN = join(__dirname, 'run.js');

function parseOptions(argv) {
  const options = { dialects: undefined, modes: ['default'], trials: 10, revisions: 200, concurrent: 16, seed: Date.now() % 100000 };
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (name === '--dialects') options.dialects = value.split(',');
    else if (name === '--modes') options.modes = value.split(',');
    else if (['--trials', '--revisions', '--concurrent', '--seed'].includes(name)) options[name.slice(2)] = Number(value);
    else throw new Error(`unknown option ${name}; see the comment at the top of tools/trials/trials.js`);
  }
  return options;
}

/** A small seeded generator, so that a run can be repeated with --seed. */
function random(seed) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

const id = (i) => `r${String(i).padStart(3, '0')}`;

/** The statements of revision i, in order: its table, its index and its row. */
function statementsOf(i) {
  return [
    `CREATE TABLE t_${id(i)} (id INTEGER PRIMARY KEY, v INTEGER)`,
    `CREATE INDEX ix_${id(i)} ON t_${id(i)} (v)`,
    `INSERT INTO t_${id(i)} (id, v) VALUES (1, ${i})`,
  ];
}

function writeHistory(directory, count) {
  mkdirSync(join(directory, 'versions'), { recursive: true });
  for (let i = 1; i <= count; i++) {
    const body = statementsOf(i)
      .map((sql) => `  await op.execute('${sql}');`)
      .join('\n');
    writeFileSync(
      join(directory, 'versions', `${id(i)}_step.js`),
      `/** Step ${i} */\n` +
        `exports.revision = '${id(i)}';\n` +
        `exports.downRevision = ${i === 1 ? 'null' : `'${id(i - 1)}'`};\n` +
        `exports.upgrade = async function upgrade(op) {\n${body}\n};\n` +
        'exports.downgrade = async function downgrade() {};\n',
    );
  }
}

/** Starts run.js; `exited` resolves with its code, signal, output and the moment of its first progress line. */
function start(args) {
  const started = Date.now();
  const child = spawn(process.execPath, [RUN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let firstStep;
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    if (firstStep === undefined && stderr.includes('Running upgrade')) firstStep = Date.now() - started;
  });
  const exited = new Promise((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, firstStep, ms: Date.now() - started })),
  );
  return { child, exited };
}

const run = (args) => start(args).exited;

const CATALOG = {
  sqlite: {
    tables: "SELECT name AS name FROM sqlite_master WHERE type = 'table'",
    indexes: "SELECT name AS name FROM sqlite_master WHERE type = 'index'",
  },
  postgres: {
    tables: 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()',
    indexes: 'SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema()',
  },
  mysql: {
    tables: 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()',
    indexes: 'SELECT DISTINCT index_name AS name FROM information_schema.statistics WHERE table_schema = DATABASE()',
  },
};

/** What the database holds: per revision, which of its three statements took effect; the version rows; the journal. */
async function inspect(dialect, url, count) {
  const dataSource = await new DataSource(parseDatabaseUrl(url).dataSourceOptions).initialize();
  try {
    const names = new Set((await dataSource.query(CATALOG[dialect].tables)).map((row) => row.name));
    const indexes = new Set((await dataSource.query(CATALOG[dialect].indexes)).map((row) => row.name));
    const effects = [];
    for (let i = 1; i <= count; i++) {
      const table = names.has(`t_${id(i)}`);
      const rows = table ? Number((await dataSource.query(`SELECT COUNT(*) AS n FROM t_${id(i)}`))[0].n) : 0;
      effects.push([table, indexes.has(`ix_${id(i)}`), rows === 1, rows]);
    }
    const versions = names.has('migration_version')
      ? (await dataSource.query('SELECT version_num FROM migration_version')).map((r) => r.version_num)
      : [];
    const journal = names.has('migration_version_journal')
      ? (await dataSource.query('SELECT seq, revision, statement, done FROM migration_version_journal ORDER BY seq')).map((r) => ({
          revision: r.revision,
          statement: r.statement,
          done: Number(r.done) === 1,
        }))
      : [];
    return { effects, versions, journal };
  } finally {
    await dataSource.destroy();
  }
}

/**
 * How the state reads: `consistent`, `journal` (exactly as the journal reports) or `silent`.
 * With a linear history, the version table holds at most one row, r<k>: revisions 1..k must have
 * all their effects and the later ones none, except the journal's revision.
 */
function judge(state) {
  const recorded = state.versions.length === 0 ? 0 : Number(state.versions[0].slice(1));
  if (state.versions.length > 1) return 'silent';
  const allowed = state.effects.map((_, index) => {
    const i = index + 1;
    return [0, 1, 2].map(() => (i <= recorded ? [true] : [false]));
  });
  if (state.journal.length > 0) {
    const revision = Number(state.journal[0].revision.slice(1));
    if (revision !== recorded + 1 || state.journal.some((entry) => entry.revision !== state.journal[0].revision)) return 'silent';
    for (const entry of state.journal) {
      const j = statementsOf(revision).indexOf(entry.statement);
      if (j === -1) return 'silent';
      allowed[revision - 1][j] = entry.done ? [true] : [true, false];
    }
  }
  const matches = state.effects.every(
    ([table, index, row, rows], i) => [table, index, row].every((present, j) => allowed[i][j].includes(present)) && rows <= 1,
  );
  if (!matches) return 'silent';
  return state.journal.length > 0 ? 'journal' : 'consistent';
}

const atHead = (state, count) =>
  judge(state) === 'consistent' &&
  state.versions.length === 1 &&
  state.versions[0] === id(count) &&
  state.effects.every(([t, i, r]) => t && i && r);

/**
 * The next command, as an operator runs it: `upgrade`. It must finish the work, or, when a run
 * journal is left, stop with the one line naming the interrupted revision; then the journal's
 * "undo what ran, stamp what the version table records" way out must lead to the head.
 */
async function recover(dialect, url, directory, mode, count, state) {
  const args = [directory, url, mode];
  const next = await run(['upgrade', ...args]);
  if (state.journal.length === 0) return next.code === 0 && atHead(await inspect(dialect, url, count), count);
  const revision = state.journal[0].revision;
  if (next.code !== 1 || !next.stderr.includes(`FAILED: an earlier run stopped half-way through revision ${revision} `)) return false;
  const dataSource = await new DataSource(parseDatabaseUrl(url).dataSourceOptions).initialize();
  try {
    await dataSource.query(`DROP TABLE IF EXISTS t_${revision}`);
  } finally {
    await dataSource.destroy();
  }
  const stamped = await run(['stamp', ...args, state.versions[0] ?? 'base']);
  if (stamped.code !== 0) return false;
  const finished = await run(['upgrade', ...args]);
  return finished.code === 0 && atHead(await inspect(dialect, url, count), count);
}

async function trialsFor(dialect, mode, options, directory, next) {
  const counts = { trials: 0, consistent: 0, journal: 0, silent: 0, recovered: 0 };
  // Calibration: how long a whole run takes, and when its first step starts.
  const calibration = await createTestDatabase(dialect, 'trials calibrate');
  let window;
  try {
    const full = await run(['upgrade', directory, calibration.url, mode]);
    if (full.code !== 0) throw new Error(`${dialect}: a full upgrade failed: ${full.stderr}`);
    window = [full.firstStep ?? 0, full.ms];
  } finally {
    await calibration.drop();
  }
  for (let trial = 0; trial < options.trials; trial++) {
    const database = await createTestDatabase(dialect, `trials ${trial}`);
    try {
      const { child, exited } = start(['upgrade', directory, database.url, mode]);
      const delay = window[0] + next() * (window[1] - window[0]);
      const timer = setTimeout(() => child.kill('SIGKILL'), delay);
      await exited;
      clearTimeout(timer);
      const state = await inspect(dialect, database.url, options.revisions);
      const verdict = judge(state);
      counts.trials++;
      counts[verdict]++;
      if (verdict === 'silent') process.stderr.write(`${dialect} ${mode} trial ${trial}: silent inconsistency: ${JSON.stringify(state)}\n`);
      if (await recover(dialect, database.url, directory, mode, options.revisions, state)) counts.recovered++;
      else process.stderr.write(`${dialect} ${mode} trial ${trial}: the next command did not recover\n`);
    } finally {
      await database.drop();
    }
  }
  return { ...counts, window };
}

async function concurrentFor(dialect, mode, options, directory) {
  // SQLite's lock is the run's transaction: without one for the whole run there is none (README).
  if (dialect === 'sqlite' && mode !== 'default' && mode !== 'all') return 'no lock in this mode';
  const database = await createTestDatabase(dialect, 'trials concurrent');
  try {
    const exits = await Promise.all(Array.from({ length: options.concurrent }, () => run(['upgrade', directory, database.url, mode])));
    const state = await inspect(dialect, database.url, options.revisions);
    const steps = exits.reduce((sum, exit) => sum + (exit.stderr.match(/^Running upgrade /gm) ?? []).length, 0);
    const ok = exits.every((exit) => exit.code === 0) && steps === options.revisions && atHead(state, options.revisions);
    return ok ? `${options.concurrent} ok` : `${options.concurrent} FAILED`;
  } finally {
    await database.drop();
  }
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const dialects = dialectsUnderTest({
    ...process.env,
    NEST_MIGRATE_DIALECTS: options.dialects?.join(',') ?? process.env.NEST_MIGRATE_DIALECTS,
  });
  const root = mkdtempSync(join(tmpdir(), 'nest-migrate-trials-'));
  const directory = join(root, 'migrations');
  writeHistory(directory, options.revisions);
  const next = random(options.seed);
  const rows = [];
  try {
    for (const dialect of dialects) {
      for (const mode of options.modes) {
        const started = Date.now();
        const counts = await trialsFor(dialect, mode, options, directory, next);
        const concurrent = await concurrentFor(dialect, mode, options, directory);
        rows.push({ dialect, mode, ...counts, concurrent, minutes: (Date.now() - started) / 60000 });
        process.stderr.write(`${dialect} ${mode}: done (${JSON.stringify(rows[rows.length - 1])})\n`);
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  console.log(
    `seed ${options.seed}, ${options.revisions} revisions of 3 statements each, kill -9 between the first step and the end of a full run`,
  );
  console.log('');
  console.log(
    '| dialect | transaction mode | trials | consistent | reported exactly by the journal | silent inconsistencies | recovered by the next command | concurrent upgrades |',
  );
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const r of rows) {
    console.log(
      `| ${r.dialect} | ${r.mode} | ${r.trials} | ${r.consistent} | ${r.journal} | ${r.silent} | ${r.recovered} | ${r.concurrent} |`,
    );
  }
  if (rows.some((r) => r.silent > 0 || r.recovered < r.trials || r.concurrent.endsWith('FAILED'))) process.exitCode = 1;
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
