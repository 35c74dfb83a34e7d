import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CommandError } from '../errors';
import type { MigrationOps } from '../operations/migration-ops';

// Statements that answer with rows: under --sql there is no database to answer them.
const READS = /^\s*\(?\s*(select|show|pragma|with|describe|desc|explain|values|table)\b/i;

/**
 * Runs a TypeORM migration class's `up` or `down` as (part of) a revision, as the revisions
 * `import-typeorm` writes do. Online it gets the run's own QueryRunner, so its statements run on
 * the revision's connection and in its transaction. Under `--sql` it gets a stand-in whose
 * `query()` writes each statement to the script through `op.execute`; a read (`SELECT` ...),
 * or any other QueryRunner method (`createTable`, `getTable` ...), cannot be written out, and
 * stops the run with one line naming the migration.
 * @param op the revision's `op`
 * @param migration an instance of the TypeORM migration class
 * @param direction `up` for the revision's upgrade, `down` for its downgrade
 */
export async function runTypeormMigration(op: MigrationOps, migration: MigrationInterface, direction: 'up' | 'down'): Promise<void> {
  await migration[direction](op.queryRunner ?? offlineQueryRunner(op, migration.name ?? migration.constructor.name));
}

function offlineQueryRunner(op: MigrationOps, name: string): QueryRunner {
  const query = async (sql: string, parameters?: unknown[]): Promise<unknown[]> => {
    if (READS.test(sql)) {
      throw new CommandError(
        `TypeORM migration ${name} reads the database (${sql.trim().split(/\s+/).slice(0, 4).join(' ')} ...), which --sql cannot answer; run it without --sql`,
      );
    }
    await op.execute(sql, parameters ?? []);
    return [];
  };
  return new Proxy({ query } as unknown as QueryRunner, {
    get(_target, property) {
      if (property === 'query') return query;
      // Not a thenable: `await`ing the runner must not look like a method call.
      if (property === 'then' || typeof property === 'symbol') return undefined;
      throw new CommandError(
        `TypeORM migration ${name} calls queryRunner.${property}, which --sql cannot write out (only queryRunner.query can); run it without --sql`,
      );
    },
  });
}
