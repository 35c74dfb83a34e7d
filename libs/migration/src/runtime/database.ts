import { resolve } from 'node:path';
import type { DataSource, DataSourceOptions } from 'typeorm';
import { MigrationError, missingDriverError } from '../errors';
import type { DatabaseSource } from '../config/migration-config';
import { allDialects, dialectFor } from '../dialects/registry';
import type { Dialect } from '../operations/migration-ops';
import { connectionError, DatabaseTarget, describeTarget, parseDatabaseUrl, redactUrl } from './database-url';
import { checkSqlitePath, checkSqliteReadable, DatabaseAccess } from './sqlite-file';

/** An initialised connection, and whether closing it is ours to do. */
export interface OpenDatabase {
  dataSource: DataSource;
  dialect: Dialect;
  close(): Promise<void>;
}

/** The dialect of a TypeORM driver type; a one-line error for drivers we do not migrate. */
export function dialectOfType(type: string): Dialect {
  const dialect = allDialects().find((d) => d.driverTypes.includes(type))?.name;
  if (!dialect) {
    throw new MigrationError(`TypeORM driver '${type}' is not supported by nest-migrate; use better-sqlite3, postgres, mysql or mariadb`);
  }
  return dialect;
}

/**
 * Where an application's DataSource points, for messages that name it. TypeORM lets `url` win
 * over `host`, `port` and `database`, so a URL in the options is read first.
 */
function targetOf(dialect: Dialect, options: DataSourceOptions): DatabaseTarget {
  const server = { ...(options as ServerOptions), ...serverOptionsOfUrl((options as ServerOptions).url) };
  const { connection } = dialectFor(dialect);
  return {
    dialect,
    database: String(server.database ?? ''),
    host: connection.kind === 'file' ? undefined : (server.host ?? 'localhost'),
    port: connection.kind === 'file' ? undefined : (server.port ?? connection.defaultPort),
    username: server.username,
    redactedUrl: typeof server.url === 'string' ? redactUrl(server.url) : '',
    dataSourceOptions: options,
  };
}

interface ServerOptions {
  url?: unknown;
  host?: string;
  port?: number;
  database?: unknown;
  username?: string;
}

function serverOptionsOfUrl(url: unknown): ServerOptions {
  if (typeof url !== 'string') return {};
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return {};
  }
  const parts: ServerOptions = {};
  if (parsed.hostname !== '') parts.host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (parsed.port !== '') parts.port = Number(parsed.port);
  if (parsed.pathname.length > 1) parts.database = decodeURIComponent(parsed.pathname.slice(1));
  if (parsed.username !== '') parts.username = decodeURIComponent(parsed.username);
  return parts;
}

/** The dialect without connecting: what `--sql` needs, so it works with the server down. */
export function dialectOf(source: DatabaseSource): Dialect {
  return 'url' in source ? parseDatabaseUrl(source.url).dialect : dialectOfType(source.dataSource.options.type);
}

/**
 * Connects. A URL gets a DataSource of our own, closed by `close()`; an application's
 * DataSource is initialised if need be and left open for the application.
 * @param busyTimeoutMs how long SQLite waits for another writer (the deploy lock there)
 * @param access `read` for commands that only read: a SQLite file that does not exist is then
 *   an error instead of a new, empty database
 */
export async function openDatabase(source: DatabaseSource, busyTimeoutMs: number, access: DatabaseAccess = 'write'): Promise<OpenDatabase> {
  if ('dataSource' in source) {
    const { dataSource } = source;
    const dialect = dialectOfType(dataSource.options.type);
    const isFile = isFileDatabase(dialect);
    if (!dataSource.isInitialized) {
      const file = isFile ? resolveSqlitePath(dataSource.options.database) : undefined;
      if (file !== undefined) checkSqlitePath(file, access);
      // SQLite's deploy lock is BEGIN IMMEDIATE: wait as long for it as for the other dialects' locks.
      if (isFile && (dataSource.options as { timeout?: number }).timeout === undefined) {
        dataSource.setOptions({ timeout: busyTimeoutMs } as Partial<DataSourceOptions>);
      }
      try {
        await dataSource.initialize();
      } catch (error) {
        throw initializeError(targetOf(dialect, dataSource.options), error);
      }
      if (file !== undefined) await checkSqliteReadable(file, (sql) => dataSource.query(sql));
    }
    return { dataSource, dialect, close: async () => undefined };
  }
  const target = parseDatabaseUrl(source.url);
  const isFile = isFileDatabase(target.dialect);
  if (isFile) checkSqlitePath(target.database, access);
  const options = (isFile ? { ...target.dataSourceOptions, timeout: busyTimeoutMs } : target.dataSourceOptions) as DataSourceOptions;
  const dataSource = newDataSource(options);
  try {
    await dataSource.initialize();
  } catch (error) {
    throw connectionError(target, error);
  }
  if (isFile) {
    try {
      await checkSqliteReadable(target.database, (sql) => dataSource.query(sql));
    } catch (error) {
      await dataSource.destroy();
      throw error;
    }
  }
  return { dataSource, dialect: target.dialect, close: () => dataSource.destroy() };
}

/** Whether the database is a local file (SQLite's), opened without a server. */
export function isFileDatabase(dialect: Dialect): boolean {
  return dialectFor(dialect).connection.kind === 'file';
}

/** A DataSource's SQLite file as an absolute path (TypeORM resolves it against the working directory). */
function resolveSqlitePath(database: unknown): string | undefined {
  if (typeof database !== 'string' || database === ':memory:') return undefined;
  return resolve(database);
}

/**
 * Why an application's DataSource did not initialise. TypeORM builds and checks the entity
 * metadata once connected, so an invalid entity (a type the driver lacks, no primary column, a
 * relation to an unknown entity) fails there with a TypeORMError of its own: that is reported as
 * the entity problem it is, naming the entity and property as TypeORM does, not as a failed
 * connection. A failed query (QueryFailedError, say while creating an extension) is not one.
 */
function initializeError(target: DatabaseTarget, error: unknown): MigrationError {
  const typeorm = require('typeorm') as typeof import('typeorm');
  if (error instanceof typeorm.TypeORMError && !(error instanceof typeorm.QueryFailedError)) {
    const message =
      error.message
        .split('\n')
        .map((line) => line.trim())
        .find(Boolean) ?? error.name;
    return new MigrationError(`invalid entity metadata for ${describeTarget(target)}: ${message.replace(/\.$/, '')}; fix the entity`, {
      cause: error,
    });
  }
  return connectionError(target, error);
}

/**
 * A DataSource of our own. TypeORM is required here, on the first connection, not when this
 * module loads, so the commands that never connect (graph commands, `--sql` with a URL) start
 * without it: it takes longer to load (about 100 ms) than such a command takes to run.
 */
export function newDataSource(options: DataSourceOptions): DataSource {
  const typeorm = require('typeorm') as typeof import('typeorm');
  try {
    return new typeorm.DataSource(options);
  } catch (error) {
    throw missingDriverError(error) ?? error;
  }
}

/** The database of a source, safe to print: a URL with its password hidden, or where a DataSource points. */
export function describeDatabase(source: DatabaseSource): string {
  if ('url' in source) return redactUrl(source.url);
  return describeTarget(targetOf(dialectOfType(source.dataSource.options.type), source.dataSource.options));
}
