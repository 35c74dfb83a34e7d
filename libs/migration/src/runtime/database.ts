import { DataSource, DataSourceOptions } from 'typeorm';
import { MigrationError } from '../errors';
import type { DatabaseSource } from '../config/migration-config';
import type { Dialect } from '../operations/migration-ops';
import { connectionError, parseDatabaseUrl } from './database-url';

/** An initialised connection, and whether closing it is ours to do. */
export interface OpenDatabase {
  dataSource: DataSource;
  dialect: Dialect;
  close(): Promise<void>;
}

const DIALECT_OF_TYPE: Record<string, Dialect> = {
  'better-sqlite3': 'sqlite',
  sqlite: 'sqlite',
  postgres: 'postgres',
  mysql: 'mysql',
  mariadb: 'mysql',
};

/** The dialect of a TypeORM driver type; a one-line error for drivers we do not migrate. */
export function dialectOfType(type: string): Dialect {
  const dialect = DIALECT_OF_TYPE[type];
  if (!dialect) {
    throw new MigrationError(
      `TypeORM driver '${type}' is not supported by nest-migrate; use better-sqlite3, postgres, mysql or mariadb`,
    );
  }
  return dialect;
}

/** The dialect without connecting: what `--sql` needs, so it works with the server down. */
export function dialectOf(source: DatabaseSource): Dialect {
  return 'url' in source ? parseDatabaseUrl(source.url).dialect : dialectOfType(source.dataSource.options.type);
}

/**
 * Connects. A URL gets a DataSource of our own, closed by `close()`; an application's
 * DataSource is initialised if need be and left open for the application.
 * @param busyTimeoutMs how long SQLite waits for another writer (the deploy lock there)
 */
export async function openDatabase(source: DatabaseSource, busyTimeoutMs: number): Promise<OpenDatabase> {
  if ('dataSource' in source) {
    const { dataSource } = source;
    const dialect = dialectOfType(dataSource.options.type);
    if (!dataSource.isInitialized) {
      try {
        await dataSource.initialize();
      } catch (error) {
        const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
        throw new MigrationError(`could not connect to ${dialect}: ${reason}`, { cause: error });
      }
    }
    return { dataSource, dialect, close: async () => undefined };
  }
  const target = parseDatabaseUrl(source.url);
  const options = (
    target.dialect === 'sqlite' ? { ...target.dataSourceOptions, timeout: busyTimeoutMs } : target.dataSourceOptions
  ) as DataSourceOptions;
  const dataSource = new DataSource(options);
  try {
    await dataSource.initialize();
  } catch (error) {
    throw connectionError(target, error);
  }
  return { dataSource, dialect: target.dialect, close: () => dataSource.destroy() };
}
