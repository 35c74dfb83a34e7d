#!/usr/bin/env node
// Tenants benchmark: one history of 10 revisions (each creating a small table) upgraded from
// base on many tenants with `upgradeTenants`: 200 SQLite tenants (a file each) and 50 PostgreSQL
// schemas in one database (sharing one application DataSource, as `{ name, schema }` tenants do),
// at several concurrencies. Each is set against one tenant's time × N: one tenant upgraded alone,
// in the same process, after a warm-up tenant has loaded TypeORM, the driver and the revision
// files (costs a deploy pays once, not per tenant). Every run starts from fresh databases and
// checks that every tenant ended at the head; the table shows medians.
// Run after `npm run build`:  node tools/bench/tenants/bench.js [--runs 3] [--sqlite 200] [--schemas 50] [--concurrency 1,4,8] [--dialects sqlite,postgres]
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { DataSource } = require('typeorm');
const { parseDatabaseUrl, upgradeTenants } = require('@nest-migrate/migration/core');
const { median, option } = require('../bench-support');
const { createTestDatabase } = require('../../db/test-database');
const { writeRevisions } = require('../upgrade/workload');

const runs = Number(option('runs', 3));
const sqliteTenants = Number(option('sqlite', 200));
const schemaTenants = Number(option('schemas', 50));
const concurrencies = option('concurrency', '1,4,8').split(',').map(Number);
const dialects = option('dialects', 'sqlite,postgres').split(',');
const REVISIONS = 10;

const revisions = Array.from({ length: REVISIONS }, (_, i) => ({
  revision: `t${String(i).padStart(3, '0')}`,
  downRevision: i === 0 ? null : `t${String(i - 1).padStart(3, '0')}`,
}));
const HEAD = revisions[REVISIONS - 1].revision;

/** Upgrades `tenants` and answers the wall time; a tenant not at the head stops the benchmark. */
async function timedUpgrade(base, tenants, concurrency) {
  const start = performance.now();
  const results = await upgradeTenants(base, tenants, 'heads', { concurrency });
  const ms = performance.now() - start;
  const wrong = results.filter((r) => r.status !== 'upgraded' || r.to.join() !== HEAD || r.revisions !== REVISIONS);
  if (wrong.length > 0) throw new Error(`${wrong.length} tenants did not reach ${HEAD}: ${JSON.stringify(wrong[0])}`);
  return ms;
}

/** SQLite: a fresh directory of tenant files per measurement. */
async function sqlite(directory) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nest-migrate-bench-tenants-'));
  let n = 0;
  const fresh = (count) => {
    const dir = path.join(root, String(n++));
    fs.mkdirSync(dir);
    return Array.from({ length: count }, (_, i) => ({ name: `tenant${i}`, url: `sqlite:${path.join(dir, `tenant${i}.db`)}` }));
  };
  const base = { directory, database: { url: `sqlite:${path.join(root, 'unused.db')}` } };
  try {
    await timedUpgrade(base, fresh(1), 1);
    const one = median(await repeat(() => timedUpgrade(base, fresh(1), 1)));
    const rows = [];
    for (const concurrency of concurrencies) {
      rows.push({
        dialect: 'sqlite (a file each)',
        tenants: sqliteTenants,
        concurrency,
        one,
        all: median(await repeat(() => timedUpgrade(base, fresh(sqliteTenants), concurrency))),
      });
    }
    return rows;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** PostgreSQL: a fresh database per measurement, its schemas made before the clock starts. */
async function postgres(directory) {
  let n = 0;
  const measure = async (count, concurrency) => {
    const db = await createTestDatabase('postgres', `bench tenants ${n++}`);
    const dataSource = new DataSource({ ...parseDatabaseUrl(db.url).dataSourceOptions, poolSize: Math.max(10, concurrency) });
    try {
      await dataSource.initialize();
      const tenants = Array.from({ length: count }, (_, i) => ({ name: `tenant${i}`, schema: `tenant_${i}` }));
      for (const { schema } of tenants) await dataSource.query(`CREATE SCHEMA ${schema}`);
      return await timedUpgrade({ directory, database: { dataSource } }, tenants, concurrency);
    } finally {
      await dataSource.destroy();
      await db.drop();
    }
  };
  await measure(1, 1);
  const one = median(await repeat(() => measure(1, 1)));
  const rows = [];
  for (const concurrency of concurrencies) {
    rows.push({
      dialect: 'postgres (schemas, one DataSource)',
      tenants: schemaTenants,
      concurrency,
      one,
      all: median(await repeat(() => measure(schemaTenants, concurrency))),
    });
  }
  return rows;
}

async function repeat(fn) {
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(await fn());
  return samples;
}

async function main() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nest-migrate-bench-history-'));
  const directory = path.join(root, 'migrations');
  writeRevisions(directory, revisions);
  const rows = [];
  try {
    if (dialects.includes('sqlite')) rows.push(...(await sqlite(directory)));
    if (dialects.includes('postgres')) rows.push(...(await postgres(directory)));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  const fmt = (ms) => Math.round(ms).toLocaleString('en-US');
  console.log(`Median of ${runs}; ${REVISIONS} revisions per tenant; ${os.cpus().length} cores.\n`);
  console.log('| tenants | N | concurrency | all N tenants (ms) | one tenant (ms) | one × N (ms) | all / (one × N) |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    console.log(
      `| ${r.dialect} | ${r.tenants} | ${r.concurrency} | ${fmt(r.all)} | ${fmt(r.one)} | ${fmt(r.one * r.tenants)} | ${(r.all / (r.one * r.tenants)).toFixed(2)} |`,
    );
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
