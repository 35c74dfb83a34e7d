#!/usr/bin/env node
// `history --graph` benchmark: the demo CLI as a whole process (start, read every revision
// file's header, lay out the lanes, print), next to plain `history` on the same directory, and
// the lane layout alone in-process; linear and branchy histories of 1,000 and 10,000 revisions.
// Run after `npm run build`:  node tools/bench/graph/history-graph.js [--runs 5]
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { formatHistoryGraph, formatMermaid, NodeFileSystem, ScriptDirectory } = require('@nest-migrate/migration/core');
const { buildGraph, writeTypeScript } = require('./generate');

const MAIN = path.resolve(__dirname, '../../../dist/apps/demo/main.js');
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Median wall time and CPU time of `main.js <args>` as a user runs it; checks it printed `lines`
 * lines. CPU time says more on a busy machine, where wall time mostly measures the waiting.
 */
function timeProcess(directory, args, lines) {
  const wall = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const run = spawnSync(process.execPath, ['-r', path.join(__dirname, 'report-cpu.js'), MAIN, ...args, '-d', directory], {
      encoding: 'utf8',
      maxBuffer: 64 * 2 ** 20,
      env: { ...process.env, DATABASE_URL: 'sqlite:bench.db', NO_COLOR: '1' },
    });
    wall.push(performance.now() - start);
    const printed = run.stdout.split('\n').length - 1;
    if (run.status !== 0 || printed !== lines)
      throw new Error(`main.js ${args.join(' ')} exited ${run.status} after ${printed} lines, not ${lines}: ${run.stderr}`);
    cpu.push(Number(/cpu-ms (\S+)/.exec(run.stderr)[1]));
  }
  return { wall: median(wall), cpu: median(cpu) };
}

/** The picture of the directory's history, and the median time of laying it out and formatting it. */
function timeLayout(directory, format) {
  const history = new ScriptDirectory({ directory, fs: new NodeFileSystem() }).walkRevisions();
  const samples = [];
  let lines = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    lines = format(history);
    samples.push(performance.now() - start);
  }
  return { ms: median(samples), lines };
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nest-migrate-bench-graph-'));
const rows = [];
try {
  for (const shape of ['linear', 'branchy']) {
    for (const count of [1000, 10000]) {
      const directory = path.join(root, `${shape}-${count}`);
      writeTypeScript(directory, buildGraph(shape, count));
      const graph = timeLayout(directory, (history) => formatHistoryGraph(history));
      const mermaid = timeLayout(directory, (history) => formatMermaid(history));
      // The lanes' part of a line is what comes before the revision id: `*`, `|`, `:`, `/`, `\` and spaces.
      const lanes = Math.max(...graph.lines.map((line) => Math.ceil(/^[*|:/\\ ]*/.exec(line)[0].trimEnd().length / 2)));
      rows.push({
        shape,
        count,
        history: timeProcess(directory, ['history'], count),
        graph: timeProcess(directory, ['history', '--graph'], graph.lines.length),
        mermaid: timeProcess(directory, ['history', '--format', 'mermaid'], mermaid.lines.length),
        layout: graph.ms,
        lanes,
      });
    }
  }
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}

const ms = (v) => v.toFixed(0);
const both = (t) => `${ms(t.wall)} / ${ms(t.cpu)}`;
console.log(
  `Node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)} at the end, median of ${runs} runs\n`,
);
console.log(
  '| history | revisions | `history` process, wall / CPU (ms) | `history --graph` process, wall / CPU (ms) | `--format mermaid` process, wall / CPU (ms) | `formatHistoryGraph` in-process (ms) | widest (lanes) |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(
    `| ${r.shape} | ${r.count.toLocaleString('en')} | ${both(r.history)} | ${both(r.graph)} | ${both(r.mermaid)} | ${r.layout.toFixed(1)} | ${r.lanes} |`,
  );
}
