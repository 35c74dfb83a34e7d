// Unique, disposable databases for test suites, on the dialects this machine can reach.
// Specs require this file directly; it is plain CommonJS so it needs no build.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { SERVERS, connectAdmin, probeServersSync, unreachableMessage } = require('./servers');

/** Every dialect the suites know, in the order they run. */
const ALL_DIALECTS = ['sqlite', 'postgres', 'mysql'];

// PostgreSQL truncates identifiers past 63 bytes (MySQL allows 64), so stay under both.
const MAX_NAME_LENGTH = 63;

/**
 * A database name made of the suite name and a random suffix, so suites run in parallel
 * and can be re-run: lower case [a-z0-9_] only, at most 63 characters.
 * @param suiteName any text naming the suite.
 */
function uniqueDatabaseName(suiteName) {
  const suffix = `_${crypto.randomBytes(5).toString('hex')}`;
  const base = String(suiteName)
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
  return (base || 'suite').slice(0, MAX_NAME_LENGTH - suffix.length) + suffix;
}

/**
 * Every database this test file created and has not dropped yet, with the creations still
 * under way. `dropTestDatabases` (run after every file by tools/jest-database-suites.js) drops
 * them all, so a database is dropped even when the suite's own afterAll never saw it: a
 * beforeAll that timed out or threw after creating it, a test that timed out mid-way.
 */
const registry = new Set();

/**
 * Creates a fresh database for one suite.
 * @param dialect 'sqlite', 'postgres' or 'mysql'.
 * @param suiteName names the database (sanitized, with a random suffix).
 * @returns `{ dialect, name, url, exists(), drop() }`; `drop()` may be called more than once.
 */
async function createTestDatabase(dialect, suiteName) {
  const creation = create(dialect, uniqueDatabaseName(suiteName));
  registry.add(creation);
  const database = await creation;
  const drop = database.drop;
  return {
    ...database,
    drop: async () => {
      await drop();
      registry.delete(creation);
    },
  };
}

/** Drops every database created in this file and not dropped yet, waiting for creations under way. */
async function dropTestDatabases() {
  const pending = [...registry];
  registry.clear();
  const created = await Promise.allSettled(pending);
  const drops = created.filter((c) => c.status === 'fulfilled').map((c) => c.value.drop());
  const failures = (await Promise.allSettled(drops)).filter((d) => d.status === 'rejected');
  if (failures.length > 0) throw failures[0].reason;
}

async function create(dialect, name) {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
    const file = path.join(dir, `${name}.db`);
    return {
      dialect,
      name,
      url: `sqlite:${file}`,
      exists: async () => fs.existsSync(file),
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const server = SERVERS[dialect];
  if (!server) {
    throw new Error(`unknown dialect "${dialect}"; use one of ${ALL_DIALECTS.join(', ')}`);
  }
  // Names are sanitized to [a-z0-9_], so quoting them is enough to make them safe in DDL.
  const quoted = dialect === 'postgres' ? `"${name}"` : `\`${name}\``;
  await withAdmin(dialect, (admin) => admin.query(`CREATE DATABASE ${quoted}`));
  return {
    dialect,
    name,
    url: `${dialect}://${server.user}@${server.host}:${server.port}/${name}`,
    exists: () => databaseExists(dialect, name),
    drop: () =>
      withAdmin(dialect, async (admin) => {
        // FORCE ends connections a failed test left open (PostgreSQL 13+). MySQL would wait for
        // the locks their open transactions hold, so their connections are ended first.
        if (dialect === 'mysql') await endMysqlSessions(admin, name);
        await admin.query(`DROP DATABASE IF EXISTS ${quoted}${dialect === 'postgres' ? ' WITH (FORCE)' : ''}`);
      }),
  };
}

/** Ends every other session using the database: a test that timed out may still hold locks there. */
async function endMysqlSessions(admin, name) {
  // Names are sanitized to [a-z0-9_], so they can be written into the query as they are.
  const sessions = await admin.query(`SELECT id FROM information_schema.processlist WHERE db = '${name}' AND id <> CONNECTION_ID()`);
  for (const { id } of sessions) {
    try {
      await admin.query(`KILL ${Number(id)}`);
    } catch {
      // It ended meanwhile.
    }
  }
}

async function databaseExists(dialect, name) {
  const rows = await withAdmin(dialect, (admin) =>
    dialect === 'postgres'
      ? admin.query(`SELECT 1 FROM pg_database WHERE datname = '${name}'`)
      : admin.query(`SELECT 1 FROM information_schema.schemata WHERE schema_name = '${name}'`),
  );
  return rows.length > 0;
}

async function withAdmin(dialect, work) {
  const admin = await connectAdmin(dialect);
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/**
 * The dialects to run integration suites on: all three, or those in NEST_MIGRATE_DIALECTS
 * (comma-separated). An unreachable server fails the run when CI is set, and is skipped
 * with a warning otherwise.
 * @returns dialect names, in ALL_DIALECTS order.
 */
function dialectsUnderTest(env = process.env) {
  const requested = parseDialectList(env.NEST_MIGRATE_DIALECTS);
  const servers = requested.filter((dialect) => dialect !== 'sqlite');
  const reasons = servers.length > 0 ? probeServersSync(servers) : {};
  const unreachable = servers.filter((dialect) => reasons[dialect] !== undefined);
  if (unreachable.length > 0 && isCi(env)) {
    throw new Error(`CI is set, so every dialect must run: ${unreachable.map((d) => unreachableMessage(d, reasons[d])).join('; ')}`);
  }
  for (const dialect of unreachable) {
    console.warn(`SKIPPING ${dialect} integration tests: ${unreachableMessage(dialect, reasons[dialect])}`);
  }
  return requested.filter((dialect) => !unreachable.includes(dialect));
}

function parseDialectList(value) {
  if (value === undefined || value.trim() === '') {
    return ALL_DIALECTS;
  }
  const names = value
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const unknown = names.filter((name) => !ALL_DIALECTS.includes(name));
  if (unknown.length > 0) {
    throw new Error(
      `NEST_MIGRATE_DIALECTS names unknown dialect(s) ${unknown.join(', ')}; use a comma-separated subset of ${ALL_DIALECTS.join(',')}`,
    );
  }
  return ALL_DIALECTS.filter((dialect) => names.includes(dialect));
}

function isCi(env) {
  return env.CI !== undefined && !['', '0', 'false'].includes(env.CI.toLowerCase());
}

module.exports = { ALL_DIALECTS, createTestDatabase, dropTestDatabases, dialectsUnderTest, uniqueDatabaseName };
