import type { TypeOrmModuleOptions } from '@nestjs/typeorm';
import { parseDatabaseUrl } from '@nest-migrate/migration';

export { DEFAULT_DATABASE_URL } from './migration-options';

// @nestjs/typeorm retries 9 times, 3 s apart, by default; one quick attempt turns an
// unreachable server into a single error line instead of half a minute of stack traces.
const FAIL_FAST = { retryAttempts: 1, retryDelay: 100 } as const;
const CONNECT_TIMEOUT_MS = 5000;

/**
 * TypeORM module options (without entities) for a database URL. The URL is read by the
 * migration library's parser, so the app and its migration commands agree on what it means.
 * @param url `sqlite:<file>`, `postgres://…`, `mysql://…` (see `parseDatabaseUrl`).
 * @param cwd directory a relative SQLite path is resolved against.
 */
export function databaseOptions(url: string, cwd: string = process.cwd()): TypeOrmModuleOptions {
  const { dialect, dataSourceOptions } = parseDatabaseUrl(url, cwd);
  const timeout =
    dialect === 'postgres' ? { connectTimeoutMS: CONNECT_TIMEOUT_MS } : dialect === 'mysql' ? { connectTimeout: CONNECT_TIMEOUT_MS } : {};
  return { ...dataSourceOptions, ...timeout, ...FAIL_FAST } as TypeOrmModuleOptions;
}
