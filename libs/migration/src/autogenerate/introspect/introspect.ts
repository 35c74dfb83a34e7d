import type { QueryRunner } from 'typeorm';
import type { Dialect } from '../../operations/migration-ops';
import { DEFAULT_VERSION_TABLE } from '../../runtime/version-table';
import type { CatalogQuery, CatalogScope } from '../../dialects/catalog-query';
import type { DatabaseSchema } from '../../dialects/schema-model';
import { dialectFor } from '../../dialects/registry';

/** Prefix of the tables batch mode builds and renames; never part of a user's schema. */
export const BATCH_TEMP_TABLE_PREFIX = '_nest_migrate_tmp_';

export interface IntrospectOptions {
  /** PostgreSQL schema to read; the connection's current schema by default. Ignored elsewhere. */
  readonly schema?: string;
  /**
   * PostgreSQL: read every schema except PostgreSQL's own (`pg_*`, `information_schema`) instead
   * of one (Alembic's `include_schemas`). Ignored elsewhere: a MySQL schema is a database, which
   * a connection does not read across, and SQLite's are attached files.
   */
  readonly includeSchemas?: boolean;
  /** More tables to leave out, by exact name, in whichever schema. */
  readonly excludeTables?: readonly string[];
  /** The version table, always left out; `migration_version` by default. */
  readonly versionTable?: string;
  /** The version table's schema (PostgreSQL); the connection's current schema by default. */
  readonly versionTableSchema?: string;
}

/**
 * Reads the live schema into a dialect-neutral model (Alembic does this with SQLAlchemy's
 * reflection), with a fixed number of catalog queries however many tables there are:
 * five on PostgreSQL, six on MySQL/MariaDB, four on SQLite.
 * Leaves out the version table, batch mode's temporary tables and SQLite's own `sqlite_*` tables.
 * Tables are keyed by `qualifiedName`: their name alone in the default schema.
 * @param queryRunner a connected QueryRunner; it only reads, and is not released
 * @param dialect the database's dialect
 * @param options schemas to read and tables to leave out
 */
export async function introspect(queryRunner: QueryRunner, dialect: Dialect, options: IntrospectOptions = {}): Promise<DatabaseSchema> {
  const versionTable = options.versionTable ?? DEFAULT_VERSION_TABLE;
  const excluded = new Set(options.excludeTables ?? []);
  const isVersionTable = (table: string, schema: string | undefined, isDefaultSchema: boolean) =>
    table === versionTable && (options.versionTableSchema === undefined ? isDefaultSchema : schema === options.versionTableSchema);
  const scope: CatalogScope = {
    ...(options.schema === undefined ? {} : { schema: options.schema }),
    ...(options.includeSchemas ? { includeSchemas: true } : {}),
    isIncluded: (table, schema, isDefaultSchema) =>
      !excluded.has(table) && !table.startsWith(BATCH_TEMP_TABLE_PREFIX) && !isVersionTable(table, schema, isDefaultSchema),
  };
  const query: CatalogQuery = async (sql, parameters) => queryRunner.query(sql, parameters === undefined ? undefined : [...parameters]);
  return dialectFor(dialect).introspect(query, scope);
}
