#!/usr/bin/env node
// Where nest-migrate's upgrade time goes, for the workload of bench.js: the same deploy step
// with .ts revisions and with the same revisions as plain .js (nothing to compile), then one
// CPU profile of the .ts run split into buckets and hotspots.
// Run after `npm run build`:  node tools/bench/upgrade/profile.js [--count 1000] [--dialects postgres,sqlite]
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { createTestDatabase } = require('../../db/test-database');
const { buildGraph } = require('../graph/generate');
const { writeRevisions } = require('./workload');

const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : process.argv[at + 1];
};
const count = Number(option('count', 1000));
const dialects = option('dialects', 'postgres,sqlite').split(',');
const RUNNER = path.join(__dirname, 'run-upgrade.js');

/** One deploy step on a fresh database: wall time and the runner's own split. */
async function deploy(dialect, directory, { env = {}, nodeArgs = [] } = {}) {
  const db = await createTestDatabase(dialect, 'bench_upgrade_profile');
  try {
    const start = performance.now();
    const result = spawnSync(process.execPath, [...nodeArgs, RUNNER, directory, db.url], {
      encoding: 'utf8',
      env: { ...process.env, ...env },
    });
    const processMs = performance.now() - start;
    if (result.status !== 0) throw new Error(`run-upgrade failed: ${result.stderr}`);
    return { processMs, ...JSON.parse(result.stdout) };
  } finally {
    await db.drop();
  }
}

/**
 * Splits a .cpuprofile's samples into buckets by what is on the stack (first match wins), and
 * lists the functions with the most self time.
 */
function analyse(profile) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const buckets = new Map();
  const self = new Map();
  const where = (frame) => {
    const url = frame.url || '';
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
    if (pkg) return pkg[1];
    if (url.includes('/libs/migration/dist/')) return 'nest-migrate';
    if (url.startsWith('node:')) return url;
    return url ? path.basename(url) : 'native';
  };
  const bucketOf = (stack, top) => {
    const has = (name, file) => stack.some((f) => f.functionName === name && (!file || f.url.includes(file)));
    if (top.functionName === '(idle)') return 'idle: waiting for the database or I/O';
    if (top.functionName === '(garbage collector)') return 'garbage collection';
    if (has('loadRevisionModule')) {
      if (stack.some((f) => f.url.includes('node_modules/sucrase/'))) return 'loading revisions: sucrase transform';
      return 'loading revisions: Node module system (read, V8 compile, run)';
    }
    if (has('parseRevisionHeader') || has('ScriptDirectory') || has('getRevisionMap') || stack.some((f) => f.url.includes('/script/'))) {
      return 'reading revision headers and building the graph';
    }
    if (has('openDatabase') || has('initialize', 'DataSource'))
      return 'connecting (requiring TypeORM and the driver, DataSource.initialize)';
    // After an await, a query's continuation has no caller on its stack, so driver frames count too.
    if (stack.some((f) => f.url.includes('sql-emitter') || /node_modules\/(typeorm|pg|pg-protocol|better-sqlite3)\//.test(f.url))) {
      return has('main', 'run-upgrade') && !has('upgrade', 'commands/upgrade')
        ? 'require of the library'
        : 'running SQL: TypeORM query() and the driver';
    }
    if (has('main', 'run-upgrade')) return 'require of the library';
    if (top.functionName === '(program)') return 'V8/Node native (program)';
    // Driver callbacks on socket data carry no caller on their stack: name them by where they run.
    const place = where(top);
    if (place.startsWith('node:')) return 'other: Node internals (socket, streams, timers)';
    if (/\.ts$/.test(place)) return 'other: revision code itself';
    return `other: in ${place}`;
  };
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const top = nodes.get(profile.samples[i]);
    const stack = [];
    for (let id = top.id; id !== undefined; id = parent.get(id)) stack.push(nodes.get(id).callFrame);
    const bucket = bucketOf(stack, top.callFrame);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + delta);
    const key = `${top.callFrame.functionName || '(anonymous)'} [${where(top.callFrame)}]`;
    self.set(key, (self.get(key) ?? 0) + delta);
  }
  const sorted = (map) => [...map.entries()].sort((a, b) => b[1] - a[1]);
  const total = (profile.endTime - profile.startTime) / 1000;
  // Buckets under 1% are summed into one line, so the table stays readable.
  const shown = sorted(buckets).filter(([, t]) => t >= total / 100);
  const rest = total - shown.reduce((sum, [, t]) => sum + t, 0);
  return { total, buckets: [...shown, ['the rest (each under 1%)', rest]], hotspots: sorted(self).slice(0, 15) };
}

async function main() {
  const graph = buildGraph('linear', count);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nest-migrate-bench-upgrade-profile-'));
  try {
    const ts = path.join(root, 'ts');
    const js = path.join(root, 'js');
    writeRevisions(ts, graph);
    writeRevisions(js, graph, { extension: 'js' });
    const ms = (v) => Math.round(v).toLocaleString('en');
    console.log(`Node ${process.version}, ${os.cpus().length} cores; ${count.toLocaleString('en')} revisions, one run each\n`);
    console.log('| dialect | revisions as | process (ms) | Node start (ms) | require library (ms) | upgrade() (ms) |');
    console.log('| --- | --- | ---: | ---: | ---: | ---: |');
    for (const dialect of dialects) {
      const typed = await deploy(dialect, ts);
      const plain = await deploy(dialect, js);
      for (const [label, r] of [
        ['.ts', typed],
        ['.js', plain],
      ]) {
        console.log(`| ${dialect} | ${label} | ${ms(r.processMs)} | ${ms(r.startupMs)} | ${ms(r.requireMs)} | ${ms(r.upgradeMs)} |`);
      }
    }
    for (const dialect of dialects) {
      const dir = path.join(root, `prof-${dialect}`);
      await deploy(dialect, ts, { nodeArgs: ['--cpu-prof', '--cpu-prof-interval', '200', '--cpu-prof-dir', dir] });
      const file = fs.readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
      const { total, buckets, hotspots } = analyse(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
      console.log(`\n${dialect}, .ts revisions: CPU profile of ${ms(total)} ms\n`);
      console.log('| where (by stack) | ms | share |');
      console.log('| --- | ---: | ---: |');
      for (const [bucket, t] of buckets) console.log(`| ${bucket} | ${ms(t)} | ${((100 * t) / total).toFixed(0)}% |`);
      console.log('\n| top self time | ms |');
      console.log('| --- | ---: |');
      for (const [fn, t] of hotspots) console.log(`| ${fn} | ${ms(t)} |`);
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error.stack ?? error);
  process.exitCode = 1;
});
