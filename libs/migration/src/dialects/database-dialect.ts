import type { QueryRunner } from 'typeorm';
import type { DdlImpl, RenderContext } from '../operations/dialects/ddl-impl';
import type { Dialect } from '../operations/migration-ops';
import type { DeployLock } from './deploy-lock';
import type { SqlSyntax } from './sql-syntax';

/** What a dialect needs to run a statement: the run's SqlEmitter, seen from here. */
export interface StatementRunner {
  readonly isOffline: boolean;
  execute(sql: string, params?: readonly unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * Everything one database does differently (Alembic keeps it in one `DefaultImpl` subclass per
 * dialect). Every member is required, so a new database's object names what it must provide;
 * code outside `dialects/` asks this object instead of comparing dialect names.
 */
export interface DatabaseDialect {
  readonly name: Dialect;

  // ---- DDL and SQL text ----
  /** The DDL implementation, rendering with `context`'s quoting, literals and naming convention. */
  ddl(context: RenderContext): DdlImpl;
  /** Quoting, literals and placeholders, for `--sql` scripts and DDL alike. */
  readonly sql: SqlSyntax;

  // ---- transactions and the deploy lock ----
  /** The transaction mode a run uses unless the config says otherwise. */
  readonly defaultTransactionMode: 'all' | 'per-migration';
  /** DDL commits the open transaction (MySQL), so every revision's statements are journaled. */
  readonly ddlCommitsImplicitly: boolean;
  /**
   * Opens the run's transaction.
   * @param onWait said once when the database is busy and the begin has to wait (SQLite's lock)
   */
  begin(runner: StatementRunner, lockTimeoutMs: number, onWait: (line: string) => void): Promise<void>;
  /**
   * The lock that keeps concurrent deployments apart, held by `runner`'s session.
   * @param name what is locked (the version table's qualified name)
   */
  deployLock(runner: QueryRunner, name: string, timeoutMs: number, onWait: (line: string) => void): DeployLock;
  /** Foreign keys are switched off for a run's transaction, so a table recreate keeps referencing rows (SQLite). */
  readonly switchesForeignKeysOff: boolean;

  // ---- the version table and the run journal ----
  /** Tables may live in another schema of the same connection (PostgreSQL). */
  readonly hasSchemas: boolean;
  /** A catalog query that returns a row when the table exists (in `schema`, else the connection's own). */
  tableExistsQuery(tableName: string, schema: string | undefined): [string, unknown[]];
  /** The type of a column that holds a statement of any length. */
  readonly longTextType: string;
}
