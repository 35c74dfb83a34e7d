import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The built demo, as a user runs it. */
export const MAIN = resolve(__dirname, '../../../../dist/apps/demo/main.js');

/** The workspace's packages: linked into a working directory, they resolve its revisions' imports, as in a user's project. */
export const NODE_MODULES = resolve(__dirname, '../../../../node_modules');

export interface DemoRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node main.js ...args` in `cwd` with `DATABASE_URL`, colour off, and answers what it printed. */
export function runDemo(cwd: string, databaseUrl: string, ...args: string[]): DemoRun {
  return spawnDemo(cwd, databaseUrl, [], {}, args);
}

/** Runs `node main.js ...args` as runDemo does and answers the packages (names under node_modules) it loaded. */
export function packagesLoadedBy(cwd: string, databaseUrl: string, ...args: string[]): { run: DemoRun; packages: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'nest-migrate-loaded-'));
  try {
    const list = join(dir, 'packages');
    const run = spawnDemo(cwd, databaseUrl, ['-r', join(__dirname, 'report-loaded-packages.js')], { LOADED_PACKAGES: list }, args);
    return { run, packages: readFileSync(list, 'utf8').split('\n') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function spawnDemo(cwd: string, databaseUrl: string, nodeArgs: string[], env: Record<string, string>, args: string[]): DemoRun {
  const result = spawnSync(process.execPath, [...nodeArgs, MAIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: databaseUrl, NO_COLOR: '1', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The run with what varies from run to run masked: a step's time (`(0.12 s)` as `(<t> s)`) and
 * the applied log's times (`2026-12-07T18:40:12Z` as `<when>`), so the rest can be asserted exactly.
 */
export function timesMasked(run: DemoRun): DemoRun {
  const mask = (text: string) => text.replace(/\b\d+\.\d\d s\b/g, '<t> s').replace(/\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\b/g, '<when>');
  return { code: run.code, stdout: mask(run.stdout), stderr: mask(run.stderr) };
}
