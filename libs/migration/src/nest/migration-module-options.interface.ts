import type { InjectionToken } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { TenantDescriptor } from '../commands/tenants/tenant';
import type { MigrationConfig, TransactionMode, VersionTableOptions } from '../config/migration-config';
import type { CompareOptions } from '../autogenerate/compare/context';
import type { RenderItem } from '../autogenerate/render/render-context';
import type { ProcessRevisionDirectives } from '../commands/autogenerate';
import type { NamingConventionOption } from '../config/naming-convention';

/** What a configure callback learns besides the configuration. */
export interface ConfigureContext {
  /** The command being configured (`upgrade`, `history` ...). */
  command: string;
  /** `--tag`, when given. */
  tag?: string;
  /** Multidb: the database this configuration is for (callbacks run once per database). */
  database?: string;
}

/**
 * Flask-Migrate's `@migrate.configure`: receives the configuration before each command,
 * may change it, and returns it (or a promise of it). Callbacks run in registration order.
 */
export type ConfigureCallback = (config: MigrationConfig, context: ConfigureContext) => MigrationConfig | Promise<MigrationConfig>;

/**
 * Where the tenants come from when the app finds them at run time (a catalog table, a config
 * service): a factory Nest calls with the `inject` providers, as in `forRootAsync`.
 */
export interface TenantsProvider {
  useFactory: (...args: never[]) => TenantDescriptor[] | Promise<TenantDescriptor[]>;
  inject?: InjectionToken[];
}

/** Options of `MigrationModule.forRoot` / `forRootAsync`. */
export interface MigrationModuleOptions {
  /** The migrations directory; `migrations` (relative to the working directory) by default. */
  directory?: string;
  /** Directories holding revision files; `<directory>/versions` by default. */
  versionLocations?: string[];
  /**
   * The database: the app's default `@nestjs/typeorm` DataSource when omitted, a named one
   * (its connection name), a DataSource instance, or `{ url }` for one of our own.
   */
  dataSource?: string | DataSource | { url: string };
  /**
   * Several databases managed by one history (start the directory with `init --multidb`):
   * the names of DataSources registered with `@nestjs/typeorm` (`default` is the unnamed
   * one), the primary first. Each gets its own version table and transaction; revision files
   * export `upgrade_<name>` / `downgrade_<name>`. Replaces `dataSource`.
   */
  databases?: string[];
  /**
   * Multidb on PostgreSQL only: commit every database's transaction with a two-phase commit,
   * so a step lands on all databases or none (needs `max_prepared_transactions` above 0).
   */
  twoPhase?: boolean;
  /** Render generated revisions with `op.batchAlterTable` blocks (for SQLite); true by default, as in Flask-Migrate. */
  renderAsBatch?: boolean;
  /** Autogenerate compares column types; true by default. */
  compareType?: boolean;
  /** Autogenerate compares server defaults; true by default, as TypeORM does (false turns it off). */
  compareServerDefault?: boolean;
  /**
   * Alembic's `include_schemas`: on PostgreSQL, autogenerate compares every schema (less those
   * `includeName` refuses), not only the default one; false by default. Ignored on MySQL and SQLite.
   */
  includeSchemas?: boolean;
  /** Alembic's `include_object`: leave objects out of autogenerate. */
  includeObject?: CompareOptions['includeObject'];
  /** Alembic's `include_name`: leave database names out of autogenerate before they are read further. */
  includeName?: CompareOptions['includeName'];
  /** Alembic's `process_revision_directives`: rewrite the generated operations, or skip the file. */
  processRevisionDirectives?: ProcessRevisionDirectives;
  /** Alembic's `render_item`: custom source for columns, constraints, indexes, types or defaults. */
  renderItem?: RenderItem;
  versionTable?: VersionTableOptions;
  /** Names for indexes and constraints created without one: templates merged over the default convention, or `'typeorm'` for TypeORM's own. */
  namingConvention?: NamingConventionOption;
  transactionMode?: TransactionMode;
  lockTimeoutMs?: number;
  /** Plain configure callbacks; they run before the `@MigrationConfigure()` providers. */
  configure?: ConfigureCallback[];
  /** Apply pending revisions (`upgrade heads`) when the application starts, under the deploy lock. */
  runOnBootstrap?: boolean;
  /**
   * Many tenants on one history (`upgrade --tenants`, `current --tenants`): each `{ name, url }`,
   * `{ name, dataSource }` (a DataSource or its options) or `{ name, schema }` (a PostgreSQL
   * schema on this module's own database), or a provider that lists them at run time.
   */
  tenants?: TenantDescriptor[] | TenantsProvider;
}
