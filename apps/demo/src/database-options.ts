import { isAbsolute, resolve } from 'node:path';
import type { TypeOrmModuleOptions } from '@nestjs/typeorm';

/** Used when DATABASE_URL is unset: a SQLite file in the working directory. */
export const DEFAULT_DATABASE_URL = 'sqlite:demo.db';

/** DATABASE_URL is malformed or names a database the demo cannot drive. */
export class DatabaseUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

// @nestjs/typeorm retries 9 times, 3 s apart, by default; one quick attempt turns an
// unreachable server into a single error line instead of half a minute of stack traces.
const FAIL_FAST = { retryAttempts: 1, retryDelay: 100 } as const;
const CONNECT_TIMEOUT_MS = 5000;

const SERVER_DIALECTS = {
  'postgres:': { type: 'postgres', port: 5432 },
  'postgresql:': { type: 'postgres', port: 5432 },
  'mysql:': { type: 'mysql', port: 3306 },
  'mariadb:': { type: 'mariadb', port: 3306 },
} as const;

/**
 * Converts a database URL into TypeORM module options (without entities).
 * @param url `sqlite:<file>` (`sqlite:///<file>` and `sqlite::memory:` also work),
 *   `postgres://`, `postgresql://`, `mysql://` or `mariadb://user:password@host:port/database`.
 * @param cwd directory a relative SQLite path is resolved against.
 */
export function databaseOptions(url: string, cwd: string = process.cwd()): TypeOrmModuleOptions {
  if (url.startsWith('sqlite:')) {
    return { type: 'better-sqlite3', database: sqlitePath(url.slice('sqlite:'.length), cwd), synchronize: false, ...FAIL_FAST };
  }
  const parsed = parseServerUrl(url);
  const dialect = SERVER_DIALECTS[parsed.protocol as keyof typeof SERVER_DIALECTS];
  if (!dialect) {
    throw new DatabaseUrlError(
      `DATABASE_URL scheme "${parsed.protocol}" is not supported; use sqlite:, postgres://, postgresql://, mysql:// or mariadb://`,
    );
  }
  if (parsed.search) {
    throw new DatabaseUrlError('DATABASE_URL query parameters are not supported; put only user, password, host, port and database in it');
  }
  if (!parsed.hostname) {
    throw new DatabaseUrlError(`DATABASE_URL names no host; write ${parsed.protocol}//user:password@host:port/database`);
  }
  const connection = {
    // WHATWG URL keeps the brackets of an IPv6 literal, which the drivers do not accept.
    host: decodeURIComponent(parsed.hostname.replace(/^\[(.*)\]$/, '$1')),
    port: parsed.port ? Number(parsed.port) : dialect.port,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    database: parsed.pathname.length > 1 ? decodeURIComponent(parsed.pathname.slice(1)) : undefined,
    synchronize: false,
    ...FAIL_FAST,
  };
  return dialect.type === 'postgres'
    ? { type: 'postgres', ...connection, connectTimeoutMS: CONNECT_TIMEOUT_MS }
    : { type: dialect.type, ...connection, connectTimeout: CONNECT_TIMEOUT_MS };
}

/** Names the database a URL points at without its password, for log and error lines. */
export function describeDatabase(url: string, cwd: string = process.cwd()): string {
  const options = databaseOptions(url, cwd);
  if (options.type === 'better-sqlite3') {
    return `sqlite at ${options.database}`;
  }
  const { type, host, port, database } = options as { type: string; host: string; port: number; database?: string };
  return `${type} at ${host}:${port}/${database ?? ''}`;
}

// Besides the plain `sqlite:<file>` form, accept SQLAlchemy's `sqlite:///<file>`, which
// Alembic users already have in their configuration: three slashes, then the path.
function sqlitePath(rest: string, cwd: string): string {
  if (rest === ':memory:') {
    return rest;
  }
  let path = rest;
  if (rest.startsWith('//')) {
    if (!rest.startsWith('///')) {
      throw new DatabaseUrlError('DATABASE_URL sqlite:// takes no host; write sqlite:<file> or sqlite:///<file>');
    }
    path = rest.slice(3);
  }
  if (path === '') {
    throw new DatabaseUrlError('DATABASE_URL sqlite: names no file; write sqlite:<file>, for example sqlite:demo.db');
  }
  return isAbsolute(path) ? path : resolve(cwd, path);
}

function parseServerUrl(url: string): URL {
  try {
    return new URL(url);
  } catch {
    // The URL may hold a password, so the message leaves it out.
    throw new DatabaseUrlError('DATABASE_URL is not a valid URL; write it as scheme://user:password@host:port/database');
  }
}
