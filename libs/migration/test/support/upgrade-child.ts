import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { MigrationConfig } from '../../src/config/migration-config';

/** A deployment running in a process of its own, which a test can kill as an operator's `kill -9` would. */
export interface UpgradeChild {
  child: ChildProcessWithoutNullStreams;
  /** What it printed on stderr so far: its progress lines. */
  readonly stderr: string;
  /** Resolves once it printed a line starting with `prefix`; rejects if it exits first. */
  printed(prefix: string): Promise<void>;
  /** Resolves when it has exited, with its code or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `upgrade heads` with `config` in a new Node process, running the library's TypeScript
 * source through sucrase (no build needed), so that a test can kill it at a moment it chooses.
 */
export function spawnUpgrade(config: MigrationConfig): UpgradeChild {
  const child = spawn(process.execPath, ['-r', 'sucrase/register', join(__dirname, 'upgrade-process.ts'), JSON.stringify(config)], {
    env: { ...process.env, NO_COLOR: '1' },
  });
  let stderr = '';
  const waiters: { prefix: string; resolve: () => void; reject: (error: Error) => void }[] = [];
  const check = () => {
    for (const waiter of [...waiters]) {
      if (!stderr.split('\n').some((line) => line.startsWith(waiter.prefix))) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    check();
  });
  child.stdout.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      for (const waiter of waiters.splice(0))
        waiter.reject(new Error(`the upgrade process exited before printing '${waiter.prefix}'; it printed: ${stderr}`));
      resolve({ code, signal });
    });
  });
  return {
    child,
    get stderr() {
      return stderr;
    },
    printed: (prefix) =>
      new Promise((resolve, reject) => {
        waiters.push({ prefix, resolve, reject });
        check();
      }),
    exited,
  };
}

/** Polls `condition` until it holds: for a state of the server that no event announces. */
export async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 100));
}
