#!/usr/bin/env node
// Makes sure the local PostgreSQL and MariaDB servers that the integration and e2e tests
// use are up: connects to each, starts the ones that refuse, and waits until they answer.
// Run as `node tools/db/servers.js`; CI runs it before the tests.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');

const PROBE_TIMEOUT_MS = 2000;
const START_WAIT_MS = 30_000;
const POLL_INTERVAL_MS = 500;

/** The servers the tests talk to, keyed by dialect, with how to reach and start each. */
const SERVERS = {
  postgres: {
    name: 'PostgreSQL',
    host: '127.0.0.1',
    port: 5432,
    user: 'postgres',
    adminDatabase: 'postgres',
    startCommand: 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
    start() {
      // The cluster directory is named for the installed major version, e.g. /etc/postgresql/15.
      const versions = fs.existsSync('/etc/postgresql') ? fs.readdirSync('/etc/postgresql') : [];
      if (versions.length !== 1) {
        return `expected one version under /etc/postgresql, found ${versions.length ? versions.join(', ') : 'none'}`;
      }
      return run('pg_ctlcluster', ['--skip-systemctl-redirect', versions[0], 'main', 'start']);
    },
    restart() {
      const versions = fs.readdirSync('/etc/postgresql');
      return run('pg_ctlcluster', ['--skip-systemctl-redirect', versions[0], 'main', 'restart']);
    },
  },
  mysql: {
    name: 'MariaDB',
    host: '127.0.0.1',
    port: 3306,
    user: 'root',
    adminDatabase: undefined,
    startCommand: 'start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd',
    start() {
      return run('start-stop-daemon', ['--start', '--oknodo', '--background', '--exec', '/usr/sbin/mariadbd']);
    },
  },
};

/** Runs a start command; returns undefined on success or one line saying why it failed. */
function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error) {
    return `${command} could not run: ${result.error.message}`;
  }
  if (result.status !== 0) {
    const output = `${result.stderr}${result.stdout}`.trim().split('\n')[0];
    return `${command} exited with ${result.status}${output ? `: ${output}` : ''}`;
  }
  return undefined;
}

/**
 * Opens an admin connection to a server. The caller must end it.
 * @param dialect 'postgres' or 'mysql'.
 * @param database the database to connect to; the server's admin database by default.
 */
async function connectAdmin(dialect, database) {
  const server = SERVERS[dialect];
  if (dialect === 'postgres') {
    const { Client } = require('pg');
    const client = new Client({
      host: server.host,
      port: server.port,
      user: server.user,
      database: database ?? server.adminDatabase,
      connectionTimeoutMillis: PROBE_TIMEOUT_MS,
    });
    // A connect error also arrives as an 'error' event; without a listener it would crash the process.
    client.on('error', () => {});
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    return { query: (sql) => client.query(sql).then((result) => result.rows), end: () => client.end() };
  }
  const mysql = require('mysql2/promise');
  const connection = await mysql.createConnection({
    host: server.host,
    port: server.port,
    user: server.user,
    database,
    connectTimeout: PROBE_TIMEOUT_MS,
  });
  return { query: (sql) => connection.query(sql).then(([rows]) => rows), end: () => connection.end() };
}

/** Resolves with undefined if the server accepts a login, or with the error's one-line message. */
async function probe(dialect) {
  try {
    const connection = await connectAdmin(dialect);
    await connection.end();
    return undefined;
  } catch (error) {
    return describeError(error);
  }
}

function describeError(error) {
  // Node reports a refused dual-stack connect as an AggregateError with an empty message.
  const cause = error instanceof AggregateError && error.errors.length > 0 ? error.errors[0] : error;
  return (cause && (cause.message || cause.code)) || String(cause);
}

/** One line naming the server, why it is unreachable and how to start it. */
function unreachableMessage(dialect, reason) {
  const server = SERVERS[dialect];
  return `${server.name} is not reachable at ${server.host}:${server.port} as ${server.user} (${reason}); start it with \`node tools/db/servers.js\` or \`${server.startCommand}\``;
}

/**
 * Checks the servers without starting any.
 * @param dialects the server dialects to check.
 * @returns for each dialect, undefined when reachable or the reason it is not.
 */
async function probeServers(dialects = Object.keys(SERVERS)) {
  const reasons = await Promise.all(dialects.map((dialect) => probe(dialect)));
  return Object.fromEntries(dialects.map((dialect, i) => [dialect, reasons[i]]));
}

/**
 * probeServers for code that must decide synchronously, such as Jest's `describe` blocks:
 * the probe runs in a child process so no event loop is needed here.
 */
function probeServersSync(dialects = Object.keys(SERVERS)) {
  const result = spawnSync(process.execPath, [__filename, '--probe', ...dialects], {
    encoding: 'utf8',
    timeout: PROBE_TIMEOUT_MS * 5,
  });
  if (result.status !== 0) {
    const reason = result.error ? result.error.message : result.stderr.trim().split('\n')[0];
    throw new Error(`probing the database servers failed: ${reason}`);
  }
  const reasons = JSON.parse(result.stdout);
  return Object.fromEntries(Object.entries(reasons).map(([dialect, reason]) => [dialect, reason ?? undefined]));
}

/**
 * Starts every server that does not answer and waits until each accepts a login.
 * @param log receives one line per server that had to be started.
 * @throws Error whose one-line message names the server still unreachable.
 */
async function ensureServers(log = (line) => console.log(line)) {
  const initial = await probeServers();
  const failures = [];
  await Promise.all(
    Object.entries(initial).map(async ([dialect, reason]) => {
      if (reason === undefined) {
        return;
      }
      const server = SERVERS[dialect];
      log(`${server.name} is down (${reason}); starting it with: ${server.startCommand}`);
      const startFailure = server.start();
      if (startFailure) {
        failures.push(unreachableMessage(dialect, startFailure));
        return;
      }
      const lastReason = await waitUntilReachable(dialect);
      if (lastReason !== undefined) {
        failures.push(unreachableMessage(dialect, `still down after ${START_WAIT_MS / 1000} s: ${lastReason}`));
      }
    }),
  );
  if (failures.length > 0) {
    throw new Error(failures.join('; '));
  }
}

/** What the multidb two-phase tests need: PostgreSQL ships with prepared transactions off. */
const PREPARED_TRANSACTIONS = 16;

/**
 * Turns on PostgreSQL's prepared transactions (two-phase commit) if they are off: sets
 * max_prepared_transactions and restarts the server, which that setting needs.
 * @param log receives one line when the server is reconfigured.
 * @throws Error with one line if the server cannot be reconfigured or does not come back.
 */
async function ensurePreparedTransactions(log = (line) => console.log(line)) {
  const admin = await connectAdmin('postgres');
  let current;
  try {
    [{ max_prepared_transactions: current }] = await admin.query('SHOW max_prepared_transactions');
    if (Number(current) > 0) return;
    await admin.query(`ALTER SYSTEM SET max_prepared_transactions = ${PREPARED_TRANSACTIONS}`);
  } finally {
    await admin.end();
  }
  log(`PostgreSQL has max_prepared_transactions = ${current}; setting it to ${PREPARED_TRANSACTIONS} and restarting the server`);
  const failure = SERVERS.postgres.restart();
  const reason = failure ?? (await waitUntilReachable('postgres'));
  if (reason !== undefined) throw new Error(unreachableMessage('postgres', `restart for max_prepared_transactions failed: ${reason}`));
}

async function waitUntilReachable(dialect) {
  const deadline = Date.now() + START_WAIT_MS;
  let reason = await probe(dialect);
  while (reason !== undefined && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    reason = await probe(dialect);
  }
  return reason;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  if (args[0] === '--probe') {
    probeServers(args.slice(1).length > 0 ? args.slice(1) : undefined).then((reasons) => {
      // JSON drops undefined values, so reachable servers are written as null.
      process.stdout.write(JSON.stringify(reasons, (_key, value) => (value === undefined ? null : value)));
    });
  } else {
    ensureServers()
      .then(() => ensurePreparedTransactions())
      .then(
        () =>
          console.log(
            `database servers up: ${Object.values(SERVERS)
              .map((s) => `${s.name} ${s.host}:${s.port}`)
              .join(', ')}`,
          ),
        (error) => {
          console.error(`error: ${error.message}`);
          process.exitCode = 1;
        },
      );
  }
}

module.exports = { SERVERS, connectAdmin, ensureServers, ensurePreparedTransactions, probeServers, probeServersSync, unreachableMessage };
