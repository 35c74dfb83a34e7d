#!/usr/bin/env node
// Start-up benchmark: what a process pays before and around our code, each as a fresh `node`:
// - Node itself (`node -e 0`) and `require('typeorm')` alone, for reference;
// - requiring the library's core entry and its full entry (the Nest module and CLI too);
// - Alembic 1.8.1's `--help` (`/usr/bin/python3 -m alembic --help`), the peer's start-up;
// - the demo CLI's `--help` and `upgrade --help` (printed from the command table, no Nest);
// - the demo CLI's `heads` (a graph command: the revision headers only, no database);
// - the demo CLI's `upgrade --sql` of its own history (revisions loaded from the compile cache, no connection);
// - the demo CLI's `upgrade` of its own history (five revisions, a branch and a merge) on a
//   fresh SQLite file: start, connect, lock, load and run the revisions, close.
// `--roots a,b` times several built checkouts (their dist/ and node_modules) side by side, to
// compare before and after a change. Every case of every checkout takes its turn within each
// run, so drift on the machine hits them alike; the table shows medians.
// Run after `npm run build`:  node tools/bench/startup/bench.js [--runs 15] [--roots <checkout>,<checkout>]
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { median, option, timed } = require('../bench-support');

const runs = Number(option('runs', 15));
const roots = option('roots', path.join(__dirname, '../../..'))
  .split(',')
  .map((root) => path.resolve(root));

/** A working directory holding the demo's migrations, with the checkout's node_modules, as in a user's project. */
function demoDirectory(root) {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'nest-migrate-bench-startup-'));
  fs.cpSync(path.join(root, 'apps/demo/migrations'), path.join(directory, 'migrations'), { recursive: true });
  // The revisions import helpers from @nest-migrate/migration.
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(directory, 'node_modules'), 'dir');
  return directory;
}

/** The timed cases for one checkout, run in `cwd`: [name, (run) => ms]. */
function casesFor(root, cwd) {
  const main = path.join(root, 'dist/apps/demo/main.js');
  if (!fs.existsSync(main)) throw new Error(`${main} is missing; run \`npm run build\` in ${root} first`);
  const node = (args, env = {}) => timed(process.execPath, args, { cwd, env: { ...process.env, NO_COLOR: '1', ...env } }).ms;
  return [
    ['Node itself: `node -e 0`', () => node(['-e', '0'])],
    ["`require('typeorm')` alone", () => node(['-e', "require('typeorm')"])],
    ["`require('@nest-migrate/migration/core')`", () => node(['-e', "require('@nest-migrate/migration/core')"])],
    ["`require('@nest-migrate/migration')`", () => node(['-e', "require('@nest-migrate/migration')"])],
    ['Alembic 1.8.1: `python3 -m alembic --help`', () => timed('/usr/bin/python3', ['-m', 'alembic', '--help'], { cwd }).ms],
    ['demo `main.js --help`', () => node([main, '--help'])],
    ['demo `main.js upgrade --help`', () => node([main, 'upgrade', '--help'])],
    ['demo `main.js heads`', () => node([main, 'heads'], { DATABASE_URL: 'sqlite:demo.db' })],
    ['demo `main.js upgrade --sql`, SQLite', () => node([main, 'upgrade', '--sql'], { DATABASE_URL: 'sqlite:demo.db' })],
    ['demo `main.js upgrade`, SQLite, fresh file', (run) => node([main, 'upgrade'], { DATABASE_URL: `sqlite:upgrade-${run}.db` })],
  ];
}

function main() {
  const directories = roots.map(demoDirectory);
  try {
    const cases = roots.map((root, i) => casesFor(root, directories[i]));
    // One untimed round first, so the file-system cache and not the first case pays for the cold start.
    cases.flat().forEach(([, measure]) => measure('warm-up'));
    const samples = cases.map((list) => list.map(() => []));
    for (let run = 0; run < runs; run++) {
      for (let c = 0; c < cases[0].length; c++) cases.forEach((list, r) => samples[r][c].push(list[c][1](run)));
    }
    const [cpu] = os.cpus();
    console.log(
      `Node ${process.version}, ${os.cpus().length} cores (${cpu ? cpu.model.trim() : 'unknown CPU'}); median of ${runs} runs (min-max)\n`,
    );
    console.log(`| process | ${roots.join(' (ms) | ')} (ms) |`);
    console.log(`| --- |${' ---: |'.repeat(roots.length)}`);
    cases[0].forEach(([name], c) => {
      const cells = samples.map(
        (list) => `${Math.round(median(list[c]))} (${Math.round(Math.min(...list[c]))}-${Math.round(Math.max(...list[c]))})`,
      );
      console.log(`| ${name} | ${cells.join(' | ')} |`);
    });
  } finally {
    for (const directory of directories) fs.rmSync(directory, { recursive: true, force: true });
  }
}

main();
