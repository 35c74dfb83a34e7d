import { LockTimeoutError, waitingLine } from '../deploy-lock';
import type { StatementRunner } from '../database-dialect';

/**
 * SQLite's deploy lock: `BEGIN IMMEDIATE` takes the database's write lock at once. It is tried
 * without waiting first, so that a deployment that has to wait can say so, then with the busy
 * timeout set to `timeoutMs`; running out of it is a LockTimeoutError, as on the other dialects.
 * The connection's busy timeout is put back afterwards. Offline it is only the statement.
 */
export async function beginImmediate(runner: StatementRunner, timeoutMs: number, onWait: (line: string) => void): Promise<void> {
  const execute = (sql: string) => runner.execute(sql);
  if (runner.isOffline) {
    await execute('BEGIN IMMEDIATE');
    return;
  }
  const { rows } = await execute('PRAGMA busy_timeout');
  const previous = Number((rows[0] as { timeout?: unknown } | undefined)?.timeout ?? timeoutMs);
  try {
    await execute('PRAGMA busy_timeout = 0');
    if (await taken(() => execute('BEGIN IMMEDIATE'))) {
      onWait(waitingLine(timeoutMs));
      await execute(`PRAGMA busy_timeout = ${Math.max(0, Math.round(timeoutMs))}`);
      if (await taken(() => execute('BEGIN IMMEDIATE'))) throw new LockTimeoutError('sqlite', timeoutMs);
    }
  } finally {
    await execute(`PRAGMA busy_timeout = ${previous}`);
  }
}

/** Runs `begin`; true if the database was locked by another connection. */
async function taken(begin: () => Promise<unknown>): Promise<boolean> {
  try {
    await begin();
    return false;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') return true;
    throw error;
  }
}
