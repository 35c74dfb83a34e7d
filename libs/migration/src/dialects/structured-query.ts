import type { QueryRunner } from 'typeorm';

/** What `structuredQuery` answers: the rows, and how many rows the statement affected where the driver says. */
export interface StructuredResult {
  records?: unknown[];
  affected?: number;
}

/**
 * One statement through TypeORM's query runner with `useStructuredResult`, so that every driver
 * answers the same shape: the rows, and better-sqlite3's `changes`, pg's `rowCount` or mysql2's
 * `affectedRows` as `affected`.
 */
export async function structuredQuery(runner: QueryRunner, sql: string, params: readonly unknown[] = []): Promise<StructuredResult> {
  return (await runner.query(sql, [...params], true)) as StructuredResult;
}
