import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource, DataSourceOptions } from 'typeorm';
import type { DatabaseSource } from '../config/migration-config';
import { parseDatabaseUrl } from './database-url';
import { dialectOf, isFileDatabase, newDataSource, openDatabase } from './database';
import { quoteIdentifier } from './sql-emitter';

// PostgreSQL's identifier limit; MySQL's is 64.
const MAX_NAME = 63;

/**
 * Runs `fn` on a new, empty database of the same kind as `source`, and always removes it again:
 * for SQLite a file in a new temporary directory; for PostgreSQL and MySQL/MariaDB a database
 * created beside the configured one, on the same server and with the same login, named
 * `<database>_scratch_<random>`. `squash` builds the schema of a revision there.
 * @param source the configured database (it is connected to only to create and drop the scratch)
 * @param busyTimeoutMs the connection's lock wait, as for the configured database
 */
export async function withScratchDatabase<T>(
  source: DatabaseSource,
  busyTimeoutMs: number,
  fn: (scratch: DatabaseSource) => Promise<T>,
): Promise<T> {
  const options = 'url' in source ? parseDatabaseUrl(source.url).dataSourceOptions : source.dataSource.options;
  const own = { entities: [], migrations: [], subscribers: [], synchronize: false, migrationsRun: false, dropSchema: false };
  if (isFileDatabase(dialectOf(source))) {
    const dir = mkdtempSync(join(tmpdir(), 'nest-migrate-scratch-'));
    try {
      return await runOn(newDataSource({ ...options, ...own, database: join(dir, 'scratch.db') } as DataSourceOptions), fn);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const dialect = dialectOf(source);
  const server = await openDatabase(source, busyTimeoutMs);
  try {
    const base = String((options as { database?: unknown }).database ?? urlDatabase(options) ?? 'nest_migrate');
    const name = `${base.slice(0, MAX_NAME - 17)}_scratch_${randomBytes(4).toString('hex')}`.toLowerCase();
    await server.dataSource.query(`CREATE DATABASE ${quoteIdentifier(dialect, name)}`);
    try {
      return await runOn(newDataSource({ ...options, ...own, ...withDatabase(options, name) } as DataSourceOptions), fn);
    } finally {
      await server.dataSource.query(`DROP DATABASE ${quoteIdentifier(dialect, name)}`);
    }
  } finally {
    await server.close();
  }
}

async function runOn<T>(dataSource: DataSource, fn: (scratch: DatabaseSource) => Promise<T>): Promise<T> {
  try {
    return await fn({ dataSource });
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

/** The database a DataSource's `url` option names; TypeORM lets it win over `database`. */
function urlDatabase(options: DataSourceOptions): string | undefined {
  const url = (options as { url?: unknown }).url;
  return typeof url === 'string' ? decodeURIComponent(new URL(url).pathname.slice(1)) || undefined : undefined;
}

/** The options' database replaced by `name`, in the `url` too when there is one. */
function withDatabase(options: DataSourceOptions, name: string): Partial<DataSourceOptions> {
  const url = (options as { url?: unknown }).url;
  if (typeof url !== 'string') return { database: name } as Partial<DataSourceOptions>;
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(name)}`;
  return { database: name, url: parsed.toString() } as Partial<DataSourceOptions>;
}
