#!/usr/bin/env node
// Every round trip an upgrade makes, for the benchmark's workload at a small size: each call
// into the driver (node-postgres's Client.query, better-sqlite3's statement runs), so the
// driver's own start-up queries, the deploy lock and a step's bookkeeping sent as one query
// (`SqlEmitter.executeBatch`) all show as what reaches the database.
// Run after `npm run build`:  node tools/bench/upgrade/statements.js [--count 3] [--dialects postgres,sqlite]
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { upgrade } = require('@nest-migrate/migration/core');
const { onFreshDatabase, option } = require('../bench-support');
const { buildGraph } = require('../graph/generate');
const { writeRevisions } = require('./workload');

const count = Number(option('count', 3));
const dialects = option('dialects', 'postgres,sqlite').split(',');
const WIDTH = 160;

/** Every call into the drivers from now on, as SQL text on one line, in `sent`. */
function recordDriverCalls(sent) {
  const record = (sql) => sent.push(String(sql).replace(/\s+/g, ' ').trim());
  const { Client } = require('pg');
  const query = Client.prototype.query;
  Client.prototype.query = function (config, ...rest) {
    record(typeof config === 'string' ? config : config.text);
    return query.call(this, config, ...rest);
  };
  // TypeORM keeps prepared statements and runs them again, so their runs are what counts.
  const Database = require('better-sqlite3');
  const statement = Object.getPrototypeOf(new Database(':memory:').prepare('SELECT 1'));
  for (const method of ['run', 'all', 'get', 'iterate']) {
    const original = statement[method];
    statement[method] = function (...args) {
      record(this.source);
      return original.apply(this, args);
    };
  }
}

/** The driver calls of one upgrade of `directory` on a fresh database. */
async function callsOf(dialect, directory, sent) {
  return onFreshDatabase(dialect, 'bench_upgrade_statements', async (db) => {
    sent.length = 0;
    await upgrade({ directory, database: { url: db.url } }, 'heads');
    return [...sent];
  });
}

async function main() {
  const sent = [];
  recordDriverCalls(sent);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nest-migrate-bench-upgrade-statements-'));
  try {
    writeRevisions(root, buildGraph('linear', count));
    for (const dialect of dialects) {
      const calls = await callsOf(dialect, root, sent);
      console.log(`\n${dialect}, ${count} revisions: ${calls.length} driver calls\n`);
      calls.forEach((sql, i) => console.log(`${String(i + 1).padStart(3)} ${sql.length > WIDTH ? `${sql.slice(0, WIDTH - 3)}...` : sql}`));
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error.stack ?? error);
  process.exitCode = 1;
});
