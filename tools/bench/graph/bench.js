#!/usr/bin/env node
// Graph benchmark: load a migrations directory and answer `heads`, `history` and an
// upgrade plan from base, for linear and branchy histories of 1,000 and 10,000 revision
// files; Alembic on the same graphs in the same run when python3-alembic is installed.
// Run after `npm run build`:  node --expose-gc tools/bench/graph/bench.js [--runs 5]
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { NodeFileSystem, ScriptDirectory } = require('@nest-migrate/migration/core');
const { buildGraph, writePython, writeTypeScript } = require('./generate');

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function timeOurs(directory) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
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
  const pick = (key) => median(samples.map((s) => s[key]));
  return { first: samples[0].total, load: pick('load'), history: pick('history'), plan: pick('plan'), total: pick('total'), retainedMb: retainedHeap(directory) };
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

function timeAlembic(directory) {
  const script = path.join(__dirname, 'alembic_graph.py');
  try {
    const samples = [];
    for (let i = 0; i < Math.min(runs, 3); i++) {
      // A fresh interpreter each time, and no .pyc cache, as a first `alembic heads` would run.
      fs.rmSync(path.join(directory, 'versions', '__pycache__'), { recursive: true, force: true });
      samples.push(JSON.parse(execFileSync('/usr/bin/python3', [script, directory], { encoding: 'utf8' })).totalMs);
    }
    return median(samples);
  } catch {
    return null;
  }
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nest-migrate-bench-'));
const rows = [];
for (const shape of ['linear', 'branchy']) {
  for (const count of [1000, 10000]) {
    const graph = buildGraph(shape, count);
    const ours = path.join(root, `${shape}-${count}-ts`);
    const theirs = path.join(root, `${shape}-${count}-py`);
    writeTypeScript(ours, graph);
    writePython(theirs, graph);
    const result = timeOurs(ours);
    const alembic = timeAlembic(theirs);
    rows.push({ shape, count, ...result, alembic });
  }
}
fs.rmSync(root, { recursive: true, force: true });

const ms = (v) => (v === null ? 'n/a' : v.toFixed(1));
console.log(`Node ${process.version}, ${os.cpus().length} cores, median of ${runs} runs (Alembic: median of ${Math.min(runs, 3)} fresh processes)\n`);
console.log('| history | revisions | load + heads (ms) | history (ms) | upgrade plan (ms) | total (ms) | first run (ms) | heap retained (MB) | Alembic 1.8 total (ms) |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(
    `| ${r.shape} | ${r.count.toLocaleString('en')} | ${ms(r.load)} | ${ms(r.history)} | ${ms(r.plan)} | ${ms(r.total)} | ${ms(r.first)} | ${r.retainedMb === null ? 'n/a' : r.retainedMb.toFixed(1)} | ${ms(r.alembic)} |`,
  );
}
