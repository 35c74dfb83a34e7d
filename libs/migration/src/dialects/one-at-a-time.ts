import type { QueryRunner } from 'typeorm';
import { structuredQuery } from './structured-query';

/**
 * `DatabaseDialect.runStatements` where the driver takes one statement per query (mysql2 without
 * `multipleStatements`; better-sqlite3, which has no round trip to save): each through TypeORM.
 */
export async function runOneAtATime(runner: QueryRunner, statements: readonly string[]): Promise<(number | undefined)[]> {
  const affected: (number | undefined)[] = [];
  for (const sql of statements) affected.push((await structuredQuery(runner, sql)).affected);
  return affected;
}
