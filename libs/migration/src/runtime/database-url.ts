import { isAbsolute, resolve } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { MigrationError } from '../errors';
import type { Dialect } from '../operations/migration-ops';
import { dialectFor } from '../dialects/registry';

/** Where a database URL points, and the TypeORM options to connect there. */
export interface DatabaseTarget {
  readonly dialect: Dialect;
  /** The database name; for SQLite, the absolute file path or `:memory:`. */
  readonly database: string;
  /** Server host (not for SQLite). */
  readonly host?: string;
  /** Server port (not for SQLite): 5432 for PostgreSQL and 3306 for MySQL unless given. */
  readonly port?: number;
  readonly username?: string;
  /** PostgreSQL schema from `?schema=`, when given. */
  readonly schema?: string;
  /** The URL with its password replaced by `***`: safe to print. */
  readonly redactedUrl: string;
  /** Options for `new DataSource(...)`: no entities, never synchronize. Holds the password. */
  readonly dataSourceOptions: DataSourceOptions;
}

const ACCEPTED_FORMS =
  'sqlite:<path>, sqlite::memory:, postgres://user:password@host:port/database[?schema=name] ' +
  '(or postgresql://), mysql://user:password@host:port/database (or mariadb://)';

const SERVER_SCHEMES: Record<string, { dialect: 'postgres' | 'mysql'; type: 'postgres' | 'mysql' | 'mariadb'; port: number }> = {
  'postgres:': { dialect: 'postgres', type: 'postgres', port: 5432 },
  'postgresql:': { dialect: 'postgres', type: 'postgres', port: 5432 },
  'mysql:': { dialect: 'mysql', type: 'mysql', port: 3306 },
  'mariadb:': { dialect: 'mysql', type: 'mariadb', port: 3306 },
};

/** Query parameters each dialect understands; any other is an error rather than silently ignored. */
const QUERY_PARAMETERS: Record<'postgres' | 'mysql', readonly string[]> = { postgres: ['schema'], mysql: [] };

/**
 * Parses a `DATABASE_URL`-style string.
 *
 * - `sqlite:<path>`: a better-sqlite3 file, relative to `cwd` unless absolute; `sqlite::memory:`
 *   for an in-memory database. `sqlite://...` is refused: SQLAlchemy reads `sqlite:///x.db` as a
 *   relative path, and guessing which meaning was intended could migrate the wrong file.
 * - `postgres://` or `postgresql://`, `mysql://` or `mariadb://` with user, password, host
 *   (`localhost` when empty, as both drivers default), port (5432 / 3306), database, and for
 *   PostgreSQL `?schema=`. User, password and database are percent-decoded.
 *
 * @param url the URL, as given by the user
 * @param cwd what a relative SQLite path is relative to
 * @throws MigrationError naming the redacted URL and the accepted forms
 */
export function parseDatabaseUrl(url: string, cwd: string = process.cwd()): DatabaseTarget {
  const trimmed = url.trim();
  if (/^sqlite:/i.test(trimmed)) return parseSqlite(trimmed, cwd);
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(trimmed)?.[0].toLowerCase();
  const server = scheme === undefined ? undefined : SERVER_SCHEMES[scheme];
  if (!server) {
    const what = scheme === undefined ? 'has no scheme' : `has unsupported scheme ${scheme}`;
    throw invalid(url, what);
  }
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    throw invalid(url, 'is malformed');
  }
  if (!trimmed.slice(scheme!.length).startsWith('//')) throw invalid(url, `is malformed: write ${scheme}//host/database`);

  const database = decode(url, parsed.pathname.replace(/^\//, ''));
  if (database === '' || database.includes('/')) throw invalid(url, 'names no database');
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost';
  const port = parsed.port === '' ? server.port : Number(parsed.port);
  const username = parsed.username === '' ? undefined : decode(url, parsed.username);
  const password = parsed.password === '' ? undefined : decode(url, parsed.password);

  let schema: string | undefined;
  for (const [name, value] of parsed.searchParams) {
    if (!QUERY_PARAMETERS[server.dialect].includes(name)) {
      const accepted = QUERY_PARAMETERS[server.dialect];
      throw invalid(url, `has unsupported parameter ${name} (${server.dialect} accepts ${accepted.length ? accepted.join(', ') : 'none'})`);
    }
    if (value === '') throw invalid(url, `has an empty ${name}`);
    schema = value;
  }

  const common = { host, port, database, synchronize: false, entities: [], migrations: [], migrationsRun: false };
  const credentials = { ...(username === undefined ? {} : { username }), ...(password === undefined ? {} : { password }) };
  const dataSourceOptions: DataSourceOptions =
    server.type === 'postgres'
      ? { type: 'postgres', ...common, ...credentials, ...(schema === undefined ? {} : { schema }) }
      : { type: server.type, ...common, ...credentials };
  return {
    dialect: server.dialect,
    database,
    host,
    port,
    ...(username === undefined ? {} : { username }),
    ...(schema === undefined ? {} : { schema }),
    redactedUrl: redactUrl(url),
    dataSourceOptions,
  };
}

function parseSqlite(url: string, cwd: string): DatabaseTarget {
  const rest = url.slice('sqlite:'.length);
  if (rest.startsWith('//'))
    throw invalid(url, 'uses sqlite://, which we do not guess at: write sqlite:relative/file.db or sqlite:/absolute/file.db');
  if (rest === '') throw invalid(url, 'names no file');
  const database = rest === ':memory:' ? ':memory:' : isAbsolute(rest) ? rest : resolve(cwd, rest);
  return {
    dialect: 'sqlite',
    database,
    redactedUrl: url,
    dataSourceOptions: { type: 'better-sqlite3', database, synchronize: false, entities: [], migrations: [], migrationsRun: false },
  };
}

function decode(url: string, text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw invalid(url, 'has a malformed %-escape');
  }
}

function invalid(url: string, what: string): MigrationError {
  return new MigrationError(`database URL ${redactUrl(url)} ${what}; use ${ACCEPTED_FORMS}`);
}

/**
 * The URL with its password (and any `password=` query value) replaced by `***`. The one
 * redaction helper: every message that shows a database URL goes through it. Works on
 * malformed URLs too, erring towards hiding more: the user info ends at the last `@` before
 * the query, so a password holding an unescaped `/` or `@` is still hidden.
 */
export function redactUrl(url: string): string {
  const separator = url.indexOf('://');
  let redacted = url;
  if (separator >= 0) {
    const start = separator + 3;
    const queryStart = firstIndexOf(url, ['?', '#'], start);
    const at = url.lastIndexOf('@', queryStart - 1);
    if (at >= start) {
      const colon = url.indexOf(':', start);
      if (colon >= 0 && colon < at) redacted = `${url.slice(0, colon + 1)}***${url.slice(at)}`;
    }
  }
  return redacted.replace(/([?&;]password=)[^&#]*/gi, '$1***');
}

function firstIndexOf(text: string, characters: readonly string[], from: number): number {
  const found = characters.map((character) => text.indexOf(character, from)).filter((index) => index >= 0);
  return found.length > 0 ? Math.min(...found) : text.length;
}

/**
 * Turns a driver error from connecting into one line naming the dialect, host, port and
 * database, never the password: `could not connect to postgres at 127.0.0.1:5432/app:
 * password authentication failed for user "x"`.
 *
 * Takes the first line of the driver's message. Node's dual-stack connect (`localhost` tried
 * as ::1 and 127.0.0.1) fails with an AggregateError whose message is empty, so its first inner
 * error stands in for it. Refused, unknown-host and timed-out sockets are said in words.
 */
export function connectionError(target: DatabaseTarget, error: unknown): MigrationError {
  return new MigrationError(`could not connect to ${describeTarget(target)}: ${hidePassword(target, reason(error))}`, {
    cause: error,
  });
}

/** `postgres at 127.0.0.1:5432/app`, `sqlite at /srv/app.db`: the database, safe to print. */
export function describeTarget(target: DatabaseTarget): string {
  const where =
    dialectFor(target.dialect).connection.kind === 'file'
      ? target.database
      : `${formatHost(target.host ?? 'localhost')}:${target.port}/${target.database}`;
  return `${target.dialect} at ${where}`;
}

const SOCKET_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  ETIMEDOUT: 'connection timed out',
};

// Duck-typed rather than instanceof: errors made inside Node's net module come from another
// realm under Jest, where instanceof Error and AggregateError are false.
function reason(error: unknown): string {
  let current = asRecord(error);
  const inner = current.errors;
  if (!current.message && Array.isArray(inner) && inner.length > 0) current = asRecord(inner[0]);
  if (typeof current.code === 'string' && SOCKET_ERRORS[current.code]) return SOCKET_ERRORS[current.code];
  const message = typeof current.message === 'string' ? current.message : String(error);
  const line = message
    .split('\n')
    .map((text) => text.trim())
    .find(Boolean);
  return line ?? (typeof current.name === 'string' ? current.name : 'unknown error');
}

function asRecord(value: unknown): { message?: unknown; code?: unknown; name?: unknown; errors?: unknown } {
  return typeof value === 'object' && value !== null ? value : { message: String(value) };
}

function hidePassword(target: DatabaseTarget, text: string): string {
  const options = target.dataSourceOptions as { password?: unknown; url?: unknown };
  const passwords = [options.password, typeof options.url === 'string' ? passwordOfUrl(options.url) : undefined];
  return passwords.reduce<string>(
    (hidden, password) => (typeof password === 'string' && password !== '' ? hidden.split(password).join('***') : hidden),
    text,
  );
}

function passwordOfUrl(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
