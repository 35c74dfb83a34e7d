const TABLE_IN =
  'SELECT 1 AS found FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = $1 AND ';

/**
 * A row when the table exists in `schema`, or in the current schema. pg_catalog rather than
 * information_schema, which hides tables we lack privileges on.
 */
export function postgresTableExistsQuery(tableName: string, schema: string | undefined): [string, unknown[]] {
  return schema === undefined
    ? [`${TABLE_IN}n.nspname = current_schema() AND c.relkind IN ('r', 'p')`, [tableName]]
    : [`${TABLE_IN}n.nspname = $2 AND c.relkind IN ('r', 'p')`, [tableName, schema]];
}
