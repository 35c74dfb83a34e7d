// What the benchmarks share: command-line options, medians, fresh databases and timed processes.
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { createTestDatabase } = require('../db/test-database');

// Some machines set NODE_EXTRA_CA_CERTS for their proxies: every Node process then reads and
// parses the certificate file at start (about 70 ms on this project's machines), before any of
// our code or TypeORM's runs, while Python starts without it. The processes the benchmarks time
// are started without it, as on a machine that does not set it; the run says so.
if (process.env.NODE_EXTRA_CA_CERTS !== undefined) {
  process.stderr.write('NODE_EXTRA_CA_CERTS is set here; the timed Node processes run without it (it costs every Node start the same)\n');
  delete process.env.NODE_EXTRA_CA_CERTS;
}

/** The value after `--name` on the command line, or `fallback`. */
function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : process.argv[at + 1];
}

function median(values) {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

/** Runs `work` on a fresh database (its name from `suite`), dropped after; answers what `work` answers. */
async function onFreshDatabase(dialect, suite, work) {
  const db = await createTestDatabase(dialect, suite);
  try {
    return await work(db);
  } finally {
    await db.drop();
  }
}

/** Runs a command to completion and returns its wall time in ms; a failure stops the benchmark. */
function timed(command, args, options = {}) {
  const start = performance.now();
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 2 ** 20, ...options });
  const ms = performance.now() - start;
  if (result.status !== 0) {
    throw new Error(
      `${path.basename(command)} ${args.join(' ')} failed (${result.status}): ${(result.stderr || result.stdout).slice(0, 2000)}`,
    );
  }
  return { ms, stdout: result.stdout };
}

/** `measure(dialect, count)` for every pair, in order, each row with its dialect and count; progress on stderr. */
async function measureEach(dialects, counts, measure) {
  const rows = [];
  for (const dialect of dialects) {
    for (const count of counts) {
      rows.push({ dialect, count, ...(await measure(dialect, count)) });
      process.stderr.write(`done: ${dialect} ${count}\n`);
    }
  }
  return rows;
}

module.exports = { measureEach, median, onFreshDatabase, option, timed };
