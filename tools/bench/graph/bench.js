#!/usr/bin/env node
// Graph benchmark, as users run the commands: whole processes, ours against Alembic 1.8.1.
// For linear and branchy histories of 1, 1,000 and 10,000 revision files it times the demo
// CLI's `heads` and `history` (`node dist/apps/demo/main.js <command> -d <dir>`) and Alembic's
// (`python3 -m alembic -c alembic.ini <command>`) on the same graph; on the linear ones also
// `upgrade head --sql` (offline SQL for SQLite: every revision module loaded and run, Alembic's
// through an env.py that configures a URL, as offline mode does). Each pair takes turns
// (A, B, A, B ...) after one untimed warm-up round each (which also lets Python write its
// __pycache__, as any second `alembic heads` finds it), so load on the machine hits both
// alike; the table shows medians of wall time, CPU time (user + system) and peak RSS.
// A second table profiles our side in-process (load, history, upgrade plan), with no peer.
// Run after `npm run build`:  node --expose-gc tools/bench/graph/bench.js [--runs 5] [--counts 1,100,1000,10000]
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { NodeFileSystem, ScriptDirectory } = require('@nest-migrate/migration/core');
const { median, option } = require('../bench-support');
const { buildGraph, writePython, writeTypeScript } = require('./generate');

const runs = Number(option('runs', 5));
const counts = option('counts', '1,100,1000,10000').split(',').map(Number);
const MAIN = path.join(__dirname, '../../../dist/apps/demo/main.js');
const PYTHON = '/usr/bin/python3';

// Alembic's offline mode as its generic template writes it: a URL, literal binds, one transaction.
const OFFLINE_ENV = `from alembic import context

context.configure(url='sqlite:///never-opened.db', literal_binds=True)
with context.begin_transaction():
    context.run_migrations()
`;

/** One process: wall and CPU ms and peak RSS (MiB), from GNU time; its stdout checked by `answered`. */
function measure(command, args, cwd, answered) {
  const report = path.join(cwd, 'time.txt');
  const result = spawnSync('/usr/bin/time', ['-o', report, '-f', '%e %U %S %M', command, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 2 ** 20,
    env: { ...process.env, NO_COLOR: '1', DATABASE_URL: 'sqlite:never-opened.db' },
  });
  if (result.status !== 0 || !answered(result.stdout)) {
    throw new Error(`${command} ${args.join(' ')}: exit ${result.status}, a wrong answer: ${result.stderr.slice(0, 500)}`);
  }
  const [wall, user, system, rssKb] = fs.readFileSync(report, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  return { wall: wall * 1000, cpu: (user + system) * 1000, rss: rssKb / 1024 };
}

function processTable(root) {
  const rows = [];
  for (const shape of ['linear', 'branchy']) {
    for (const count of counts) {
      if (shape === 'branchy' && count < 10) continue;
      const graph = buildGraph(shape, count);
      const ours = path.join(root, `${shape}-${count}-ts`);
      const theirs = path.join(root, `${shape}-${count}-py`);
      writeTypeScript(ours, graph);
      writePython(theirs, graph);
      fs.writeFileSync(path.join(theirs, 'alembic.ini'), `[alembic]\nscript_location = ${theirs}\n`);
      fs.writeFileSync(path.join(theirs, 'env.py'), OFFLINE_ENV);
      for (const command of shape === 'linear' ? ['heads', 'history', 'upgrade head --sql'] : ['heads', 'history']) {
        // heads: one line; history: a line per revision; --sql: a CREATE TABLE per revision.
        const lines = (stdout) => stdout.split('\n').filter(Boolean).length;
        const answered = {
          heads: (stdout) => lines(stdout) === 1,
          history: (stdout) => lines(stdout) === count,
          'upgrade head --sql': (stdout) => stdout.split('CREATE TABLE t_').length - 1 === count,
        }[command];
        const words = command.split(' ');
        const tools = {
          ours: () => measure(process.execPath, [MAIN, ...words, '-d', ours], ours, answered),
          alembic: () => measure(PYTHON, ['-m', 'alembic', '-c', path.join(theirs, 'alembic.ini'), ...words], theirs, answered),
        };
        const samples = { ours: [], alembic: [] };
        tools.ours();
        tools.alembic();
        for (let run = 0; run < runs; run++) for (const tool of ['ours', 'alembic']) samples[tool].push(tools[tool]());
        const pick = (tool, key) => median(samples[tool].map((s) => s[key]));
        rows.push({
          shape,
          count,
          command,
          ...Object.fromEntries(['ours', 'alembic'].flatMap((t) => ['wall', 'cpu', 'rss'].map((k) => [`${t}_${k}`, pick(t, k)]))),
        });
        process.stderr.write(`done: ${shape} ${count} ${command}\n`);
      }
    }
  }
  return rows;
}

/** Our side in-process, warm: where the time of a graph command goes once Node has started. */
function inProcessProfile(root) {
  const rows = [];
  for (const shape of ['linear', 'branchy']) {
    for (const count of counts.filter((c) => c >= 1000)) {
      const directory = path.join(root, `${shape}-${count}-ts`);
      const samples = [];
      for (let i = 0; i < runs + 1; i++) {
        const start = performance.now();
        const script = new ScriptDirectory({ directory, fs: new NodeFileSystem() });
        const heads = script.getHeads();
        const loaded = performance.now();
        const history = script.walkRevisions();
        const walked = performance.now();
        const plan = script.upgradeRevs('heads', []);
        const planned = performance.now();
        if (history.length !== plan.length || heads.length !== 1) throw new Error('benchmark graph answered wrongly');
        samples.push({ load: loaded - start, history: walked - loaded, plan: planned - walked, total: planned - start });
      }
      const warm = samples.slice(1);
      const pick = (key) => median(warm.map((s) => s[key]));
      rows.push({
        shape,
        count,
        load: pick('load'),
        history: pick('history'),
        plan: pick('plan'),
        total: pick('total'),
        retainedMb: retainedHeap(directory),
      });
    }
  }
  return rows;
}

/** Heap held by a loaded directory whose graph has answered once (needs --expose-gc). */
function retainedHeap(directory) {
  if (!global.gc) return null;
  global.gc();
  const before = process.memoryUsage().heapUsed;
  const script = new ScriptDirectory({ directory, fs: new NodeFileSystem() });
  script.upgradeRevs('heads', []);
  global.gc();
  const after = process.memoryUsage().heapUsed;
  return script.getHeads().length > 0 ? (after - before) / 2 ** 20 : null;
}

function main() {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing; run \`npm run build\` first`);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nest-migrate-bench-graph-'));
  try {
    const rows = processTable(root);
    const profile = inProcessProfile(root);
    const [cpu] = os.cpus();
    const ms = (v) => Math.round(v).toLocaleString('en');
    const ratio = (a, b) => `${(a / b).toFixed(2)}x`;
    console.log(
      `Node ${process.version}, ${os.cpus().length} cores (${cpu ? cpu.model.trim() : 'unknown CPU'}), load average ${os.loadavg()[0].toFixed(1)}; median of ${runs} interleaved runs after a warm-up\n`,
    );
    console.log(
      '| history | revisions | command | ours wall (ms) | Alembic wall (ms) | ours / Alembic, wall | ours CPU (ms) | Alembic CPU (ms) | ours / Alembic, CPU | ours peak RSS (MiB) | Alembic peak RSS (MiB) |',
    );
    console.log('| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of rows) {
      console.log(
        `| ${r.shape} | ${r.count.toLocaleString('en')} | ${r.command} | ${ms(r.ours_wall)} | ${ms(r.alembic_wall)} | ${ratio(r.ours_wall, r.alembic_wall)} | ` +
          `${ms(r.ours_cpu)} | ${ms(r.alembic_cpu)} | ${ratio(r.ours_cpu, r.alembic_cpu)} | ${r.ours_rss.toFixed(0)} | ${r.alembic_rss.toFixed(0)} |`,
      );
    }
    console.log('\nOur side in-process, warm (no peer):\n');
    console.log('| history | revisions | load + heads (ms) | history (ms) | upgrade plan (ms) | total (ms) | heap retained (MB) |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of profile) {
      const f = (v) => v.toFixed(1);
      console.log(
        `| ${r.shape} | ${r.count.toLocaleString('en')} | ${f(r.load)} | ${f(r.history)} | ${f(r.plan)} | ${f(r.total)} | ${r.retainedMb === null ? 'n/a' : r.retainedMb.toFixed(1)} |`,
      );
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main();
