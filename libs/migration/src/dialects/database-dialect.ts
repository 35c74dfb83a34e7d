import type { QueryRunner } from 'typeorm';
import type { CatalogQuery, CatalogScope } from './catalog-query';
import type { DatabaseSchema } from './schema-model';
import type { ConditionSyntax } from '../operations/check-conditions';
import type { AlterColumnOp } from '../operations/column-ops';
import type { ColumnTypes } from '../operations/column-types';
import type { DdlImpl, QueryRows, RenderContext } from '../operations/ddl-impl';
import type { MigrateOperation } from '../operations/migrate-operation';
import type { Dialect } from '../operations/migration-ops';
import type { DeployLock } from './deploy-lock';
import type { EntityTypeRules } from './entity-types';
import type { SchemaRules } from './schema-rules';
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
  /** The database's own name, for messages (`SQLite's ALTER TABLE ...`). */
  readonly displayName: string;
  /** The TypeORM DataSource `type`s that connect to this database. */
  readonly driverTypes: readonly string[];
  /**
   * Where the database lives: a local file (SQLite: no host or port, the file is checked before
   * it is opened, and the driver's busy timeout is the deploy lock's wait), or a server.
   */
  readonly connection: { readonly kind: 'file' } | { readonly kind: 'server'; readonly defaultPort: number };

  // ---- DDL and SQL text ----
  /** How the database spells each portable column type. */
  readonly columnTypes: ColumnTypes;
  /** The DDL implementation, rendering with `context`'s quoting, literals and naming convention. */
  ddl(context: RenderContext): DdlImpl;
  /** Quoting, literals and placeholders, for `--sql` scripts and DDL alike. */
  readonly sql: SqlSyntax;
  /**
   * Why ALTER TABLE cannot carry out `op` in place, so that it belongs in a batch that recreates
   * the table; undefined when it can (always, where ALTER TABLE makes every change).
   */
  recreateReason(op: MigrateOperation): string | undefined;
  /**
   * `op` with what the statement must re-state and the revision did not give, read from the live
   * column (MySQL re-states a whole column to alter it); unchanged where nothing is re-stated.
   */
  withLiveColumn(op: AlterColumnOp, query: QueryRows): Promise<AlterColumnOp>;

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
  /**
   * Runs statements that take no parameters, in order, in as few round trips as the driver
   * allows, and answers how many rows each one changed. A step's bookkeeping goes this way: on
   * PostgreSQL it is one round trip instead of one per statement.
   */
  runStatements(runner: QueryRunner, statements: readonly string[]): Promise<(number | undefined)[]>;

  // ---- the version table and the run journal ----
  /** Tables may live in another schema of the same connection (PostgreSQL). */
  readonly hasSchemas: boolean;
  /** A catalog query that returns a row when the table exists (in `schema`, else the connection's own). */
  tableExistsQuery(tableName: string, schema: string | undefined): [string, unknown[]];
  /** The type of a column that holds a statement of any length. */
  readonly longTextType: string;
  /**
   * An expression for the database's current time as ISO 8601 UTC text to the second
   * (`2026-12-07T18:40:12Z`), by its wall clock rather than a transaction's start: the applied
   * log's `applied_at`, so a `--sql` script records when it ran.
   */
  readonly utcNowText: string;

  // ---- autogenerate ----
  /**
   * Reads the live schema into the dialect-neutral model, with a fixed number of catalog queries
   * however many tables there are; `scope` says which schemas and tables.
   */
  introspect(query: CatalogQuery, scope: CatalogScope): Promise<DatabaseSchema>;
  /** How the database stores a schema and reports it back. */
  readonly schema: SchemaRules;
  /** How the database writes the check conditions it hands back, for comparing them with the entities'. */
  readonly checkConditions: ConditionSyntax;
  /** How TypeORM makes an entity's columns here. */
  readonly entityTypes: EntityTypeRules;
}
