import type { DataSource } from 'typeorm';
import type { FileSystem } from './file-system';
import type { NamingConventionOption } from './naming-convention';
import type { ResolveProvider } from './provider-token';

/**
 * How revisions are wrapped in transactions:
 * - `all`: one transaction for the whole run (the default where DDL is transactional);
 * - `per-migration`: one per revision, with its version-table change (Alembic's
 *   `transaction_per_migration`; the default on MySQL/MariaDB, whose DDL commits implicitly);
 * - `none`: no transaction at all.
 * A revision exporting `transactional = false` runs outside any transaction in every mode.
 */
export type TransactionMode = 'all' | 'per-migration' | 'none';

/** Where the version table lives (Alembic's `version_table`, `version_table_schema`). */
export interface VersionTableOptions {
  /** Table name; `migration_version` by default. */
  tableName?: string;
  /** Schema of the table on postgres; the connection's current schema by default. */
  schema?: string;
  /** Width of the `version_num` column; 32 by default, as in Alembic. */
  columnWidth?: number;
  /**
   * The run journal's table, beside the version table (see RunJournal); `<tableName>_journal`
   * by default. It is created only where a step cannot be rolled back.
   */
  journalTableName?: string;
  /**
   * The applied log's table (see AppliedLog): one row per revision applied, reverted or
   * stamped; `<tableName>_log` by default. Created on first use.
   */
  logTableName?: string;
}

/** Where the database is: a URL (the CLI opens and closes the connection) or a DataSource the app owns. */
export type DatabaseSource = { url: string } | { dataSource: DataSource };

/** Everything a migration command needs to know; one configuration serves the app and the CLI. */
export interface MigrationConfig {
  /** The migrations directory; `migrations` (relative to the working directory) by default. */
  directory: string;
  /** Directories holding revision files; `<directory>/versions` by default. */
  versionLocations?: string[];
  database: DatabaseSource;
  /**
   * Set when one history manages several databases (multidb): this database's name. Revision
   * files then export `upgrade_<name>` / `downgrade_<name>`, and commands take one
   * configuration per database, the primary first.
   */
  databaseName?: string;
  /**
   * Multidb: commit the databases' transactions with a two-phase commit (PostgreSQL's PREPARE
   * TRANSACTION), so a step is applied on all of them or none. Needs PostgreSQL everywhere,
   * with `max_prepared_transactions` above 0. Read from the primary's configuration.
   */
  twoPhase?: boolean;
  versionTable?: VersionTableOptions;
  /** Default: `all` on SQLite and PostgreSQL, `per-migration` on MySQL/MariaDB. */
  transactionMode?: TransactionMode;
  /** How long `upgrade`/`downgrade`/`stamp` wait for another deployment's lock; 60 s by default. */
  lockTimeoutMs?: number;
  /** `-x key=value` arguments, for revisions (`op.getXArgument`) and configure callbacks. */
  xArguments?: Record<string, string>;
  /** `--tag`: an arbitrary string for configure callbacks and revisions. */
  tag?: string;
  /**
   * Names for indexes and constraints created without one (SQLAlchemy's `naming_convention`):
   * templates merged over the default, or `'typeorm'` for the names TypeORM's naming strategy
   * gives (`IDX_...`, `FK_...`), as `synchronize` creates them.
   */
  namingConvention?: NamingConventionOption;
  /** Where revision files are read; the real file system by default. */
  fs?: FileSystem;
  /**
   * PostgreSQL: the schema the run works in (a tenant's). The session's search_path is set to
   * it, so unqualified statements land there, and the version table, its journal and the deploy
   * lock are that schema's own.
   */
  schema?: string;
  /** How `op.get` finds the app's providers; the Nest adapter sets it. Without it `op.get` fails with one line. */
  resolveProvider?: ResolveProvider;
}

export const DEFAULT_DIRECTORY = 'migrations';
export const DEFAULT_LOCK_TIMEOUT_MS = 60_000;
