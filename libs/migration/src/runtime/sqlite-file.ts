import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { MigrationError } from '../errors';

/** Whether a command may create the database: `read` commands (current, check ...) never do. */
export type DatabaseAccess = 'read' | 'write';

/**
 * Checks a SQLite database path before it is opened, because opening creates what is missing:
 * TypeORM creates the directories, and SQLite the file. A mistyped directory is refused rather
 * than created, and a command that only reads never creates a database file.
 * @param path the file (absolute, or relative to the working directory); `:memory:` is not checked
 * @throws MigrationError naming the path and what to do
 */
export function checkSqlitePath(path: string, access: DatabaseAccess): void {
  if (path === ':memory:' || path === '') return;
  const directory = dirname(path);
  if (!statSync(directory, { throwIfNoEntry: false })?.isDirectory()) {
    throw new MigrationError(
      `could not open sqlite at ${path}: directory ${directory} does not exist; create it first, or correct the database path`,
    );
  }
  const file = statSync(path, { throwIfNoEntry: false });
  if (file?.isDirectory()) throw new MigrationError(`could not open sqlite at ${path}: it is a directory; point the database at a file`);
  if (!file && access === 'read') {
    throw new MigrationError(
      `could not open sqlite at ${path}: the file does not exist, and this command only reads; correct the database path, or run 'upgrade' to create the database`,
    );
  }
}

/**
 * Reads the file's header, which SQLite only does on the first statement: a file that is not a
 * database is then one line naming it, not a driver error from the middle of a command.
 */
export async function checkSqliteReadable(path: string, query: (sql: string) => Promise<unknown>): Promise<void> {
  try {
    await query('SELECT 1 FROM sqlite_master LIMIT 1');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== 'SQLITE_NOTADB' && code !== 'SQLITE_CORRUPT') throw error;
    throw new MigrationError(
      `could not open sqlite at ${path}: the file is not a SQLite database; correct the database path, or move that file away`,
      { cause: error },
    );
  }
}
