import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/** The built demo, as a user runs it. */
export const MAIN = resolve(__dirname, '../../../../dist/apps/demo/main.js');

export interface DemoRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node main.js ...args` in `cwd` with `DATABASE_URL`, colour off, and answers what it printed. */
export function runDemo(cwd: string, databaseUrl: string, ...args: string[]): DemoRun {
  const result = spawnSync(process.execPath, [MAIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: databaseUrl, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
