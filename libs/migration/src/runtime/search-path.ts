import type { QueryRunner } from 'typeorm';
import { dialectFor } from '../dialects/registry';
import { CommandError } from '../errors';
import type { Dialect } from '../operations/migration-ops';
import { quoteIdentifier } from './sql-emitter';

/**
 * Points a PostgreSQL session at one schema (a tenant's), so the revisions' unqualified
 * statements land there. The session may be the application's pooled connection, so the
 * previous search_path is put back by the function returned, before the connection goes back.
 */
export async function useSchema(runner: QueryRunner, dialect: Dialect, schema: string): Promise<() => Promise<void>> {
  if (!dialectFor(dialect).hasSchemas) {
    throw new CommandError(
      `schema '${schema}' needs PostgreSQL, but the database is ${dialect}; give this tenant a url or dataSource instead`,
    );
  }
  const [{ previous }] = (await runner.query("SELECT current_setting('search_path') AS previous")) as { previous: string }[];
  await runner.query("SELECT set_config('search_path', $1, false)", [quoteIdentifier(dialect, schema)]);
  return async () => {
    await runner.query("SELECT set_config('search_path', $1, false)", [previous]);
  };
}
