// Types for test-database.js, so TypeScript specs can import it.

import type { Dialect } from '@nest-migrate/migration/core';

export type { Dialect };

export interface TestDatabase {
  readonly dialect: Dialect;
  /** Sanitized suite name plus a random suffix: [a-z0-9_], at most 63 characters. */
  readonly name: string;
  /** `sqlite:/abs/file.db`, `postgres://postgres@127.0.0.1:5432/<name>` or `mysql://root@127.0.0.1:3306/<name>`. */
  readonly url: string;
  exists(): Promise<boolean>;
  /** Drops the database; safe to call again. */
  drop(): Promise<void>;
}

export const ALL_DIALECTS: readonly Dialect[];
export function createTestDatabase(dialect: Dialect, suiteName: string): Promise<TestDatabase>;
/** Drops every database this test file created and has not dropped yet (tools/jest-database-suites.js runs it after each file). */
export function dropTestDatabases(): Promise<void>;
export function dialectsUnderTest(env?: NodeJS.ProcessEnv): Dialect[];
export function uniqueDatabaseName(suiteName: string): string;
