import type { QueryRunner } from 'typeorm';

/** What node-postgres answers for one statement of a simple query. */
interface PgResult {
  rowCount: number | null;
}

/** The part of node-postgres's Client used here: a query without parameters. */
interface PgClient {
  query(text: string): Promise<PgResult | PgResult[]>;
}

/**
 * `DatabaseDialect.runStatements` on PostgreSQL: every statement in one simple query, one round
 * trip, which the protocol allows when there are no parameters. It goes to the driver's client
 * directly because TypeORM's `query()` drops the per-statement results of such a query, and the
 * version table's UPDATE needs its count. The server runs the statements in order and stops at
 * the first that fails; inside the run's transaction that fails the transaction as one statement
 * at a time would, and outside one the query is its own implicit transaction.
 */
export async function runAsOneQuery(runner: QueryRunner, statements: readonly string[]): Promise<(number | undefined)[]> {
  if (statements.length === 0) return [];
  const client = (await runner.connect()) as PgClient;
  const results = await client.query(statements.join(';\n'));
  return (Array.isArray(results) ? results : [results]).map((result) => result.rowCount ?? undefined);
}
