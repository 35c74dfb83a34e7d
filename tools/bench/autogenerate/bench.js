#!/usr/bin/env node
// Autogenerate benchmark: N entities (EntitySchema; seven mixed-type columns, a unique column,
// an index and a ManyToOne to the entity before each) against PostgreSQL and SQLite, nest-migrate
// next to TypeORM's own generator in the same run, like for like:
// - processes (processes.js): both CLIs as whole processes, the initial generate and the
//   up-to-date check, and beside them the Nest app of our CLI without the migration module;
// - in-process (in-process.js): both compares inside this process, DataSources connected.
// Each comparison takes the same number of untimed warm-ups on both sides, then the tools take
// turns, the first swapped every run, so drift on the machine hits them alike; tables show medians.
// Every initial generate gets a fresh database, dropped after.
// Run after `npm run build`:
//   node tools/bench/autogenerate/bench.js [--runs 7] [--warmups 1] [--counts 8,300] [--dialects postgres,sqlite]
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createTestDatabase } = require('../../db/test-database');
const { measureEach, median, onFreshDatabase, option } = require('../bench-support');
const inProcess = require('./in-process');
const processes = require('./processes');

const runs = Number(option('runs', 7));
const warmups = Number(option('warmups', 1));
const counts = option('counts', '8,300').split(',').map(Number);
const dialects = option('dialects', 'postgres,sqlite').split(',');

/**
 * `warmups` untimed calls of each side, then `runs` timed calls of each, taking turns; which side
 * goes first rotates every run. Each call gets a label of its own (`initial-ours-warm-0`,
 * `initial-theirs-3`). Answers the samples of each side, by the sides' names.
 */
async function sideBySide(name, sides) {
  const names = Object.keys(sides);
  for (let i = 0; i < warmups; i++) for (const side of names) await sides[side](`${name}-${side}-warm-${i}`);
  const samples = Object.fromEntries(names.map((side) => [side, []]));
  for (let run = 0; run < runs; run++) {
    const order = [...names.slice(run % names.length), ...names.slice(0, run % names.length)];
    for (const side of order) samples[side].push(await sides[side](`${name}-${side}-${run}`));
  }
  return samples;
}

/**
 * A fresh database whose schema `prepare` builds once, listed in `created` (to be dropped after,
 * even when `prepare` fails); answers it with the function `prepare` returns, which times one check.
 */
async function preparedDatabase(dialect, created, prepare) {
  const db = await createTestDatabase(dialect, 'bench_autogen');
  created.push(db);
  return { db, check: await prepare(db) };
}

async function measure(dialect, count) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nest-migrate-bench-autogenerate-'));
  // A generated revision imports helpers from '@nest-migrate/migration', and the CLI app requires
  // Nest and TypeORM; the temporary directory has no node_modules without this link to the workspace's.
  fs.symlinkSync(path.resolve(__dirname, '../../../node_modules'), path.join(root, 'node_modules'), 'dir');
  const created = [];
  try {
    const fresh = (work) => (label) => onFreshDatabase(dialect, 'bench_autogen', (db) => work(db, count, root, label));
    const compares = await sideBySide('compare', { ours: fresh(inProcess.nestMigrate), theirs: fresh(inProcess.typeorm) });
    const initial = await sideBySide('initial', { ours: fresh(processes.nestMigrateInitial), theirs: fresh(processes.typeormInitial) });
    const ours = await preparedDatabase(dialect, created, (db) => processes.nestMigrateUpToDate(db, count, root, 'ours-check'));
    const theirs = await preparedDatabase(dialect, created, (db) => processes.typeormUpToDate(db, count, root, 'theirs-check'));
    const upToDate = await sideBySide('check', {
      ours: ours.check,
      theirs: theirs.check,
      nestApp: async (label) => processes.nestAppAlone(ours.db, count, root, label),
    });
    const of = (list, key) => median(list.map((s) => s[key]));
    return {
      nmInitial: of(compares.ours, 'initialMs'),
      nmUpToDate: of(compares.ours, 'upToDateMs'),
      nmInitialQueries: of(compares.ours, 'initialQueries'),
      nmQueries: of(compares.ours, 'upToDateQueries'),
      ops: compares.ours[0].ops,
      typeormOnOurs: compares.ours[0].typeormOnOurs,
      typeormInitial: of(compares.theirs, 'initialMs'),
      typeormUpToDate: of(compares.theirs, 'upToDateMs'),
      typeormInitialQueries: of(compares.theirs, 'initialQueries'),
      typeormQueries: of(compares.theirs, 'upToDateQueries'),
      statements: compares.theirs[0].statements,
      nmProcessInitial: median(initial.ours),
      typeormProcessInitial: median(initial.theirs),
      nmProcessUpToDate: median(upToDate.ours),
      typeormProcessUpToDate: median(upToDate.theirs),
      nestAppAlone: median(upToDate.nestApp),
    };
  } finally {
    for (const db of created) await db.drop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

const ms = (v) => (v < 100 ? v.toFixed(1) : Math.round(v).toLocaleString('en'));
/** TypeORM's time and how many times ours it is: above 1, nest-migrate is faster. */
const against = (theirs, ours) => `${ms(theirs)} (${(theirs / ours).toFixed(2)}x)`;

function printMachine() {
  const typeormVersion = JSON.parse(fs.readFileSync(path.join(path.dirname(processes.TYPEORM_CLI), 'package.json'), 'utf8')).version;
  const [cpu] = os.cpus();
  console.log(
    `Node ${process.version}, ${os.cpus().length} cores (${cpu ? cpu.model.trim() : 'unknown CPU'}), ${os.platform()}, ` +
      `load average ${os.loadavg()[0].toFixed(2)} at the end; TypeORM ${typeormVersion}; ` +
      `SQLite ${require('better-sqlite3')(':memory:').prepare('SELECT sqlite_version() AS v').get().v} (better-sqlite3), ` +
      `PostgreSQL ${/\d+(\.\d+)*/.exec(spawnSync('psql', ['--version'], { encoding: 'utf8' }).stdout)[0]} (client); ` +
      `median of ${runs} runs after ${warmups} warm-up(s) on each side\n`,
  );
}

function printProcesses(rows) {
  console.log('Whole processes, through each CLI (TypeORM column: its time, and how many times ours):\n');
  console.log(
    '| dialect | entities | nest-migrate `migrate` (ms) | TypeORM `migration:generate` (ms) | ' +
      'nest-migrate `check`, up to date (ms) | TypeORM `migration:generate --check`, up to date (ms) | ' +
      'the same Nest app alone, booted and closed (ms) |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    console.log(
      `| ${r.dialect} | ${r.count} | ${ms(r.nmProcessInitial)} | ${against(r.typeormProcessInitial, r.nmProcessInitial)} | ` +
        `${ms(r.nmProcessUpToDate)} | ${against(r.typeormProcessUpToDate, r.nmProcessUpToDate)} | ` +
        `${ms(r.nestAppAlone)} |`,
    );
  }
  console.log('');
}

function printInProcess(rows) {
  console.log('In-process, DataSources connected, the compare alone:\n');
  console.log(
    '| dialect | entities | nest-migrate initial (ms) | TypeORM generate (ms) | nest-migrate up to date (ms) | TypeORM up to date (ms) | ' +
      'queries, up to date: nest-migrate / TypeORM | queries, initial: nest-migrate / TypeORM |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    console.log(
      `| ${r.dialect} | ${r.count} | ${ms(r.nmInitial)} | ${against(r.typeormInitial, r.nmInitial)} | ` +
        `${ms(r.nmUpToDate)} | ${against(r.typeormUpToDate, r.nmUpToDate)} | ` +
        `${r.nmQueries} / ${r.typeormQueries} | ${r.nmInitialQueries} / ${r.typeormInitialQueries} |`,
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

async function main() {
  const rows = await measureEach(dialects, counts, measure);
  printMachine();
  printProcesses(rows);
  printInProcess(rows);
}

main().catch((error) => {
  console.error(error.stack ?? error);
  process.exitCode = 1;
});
