import type { DatabaseSchema } from '../../dialects/schema-model';
import type { CompareContext } from './context';
import { dialectFor } from '../../dialects/registry';

/** True for a schema (absent: the default one) whose tables and enum types take part. */
export type SchemaFilter = (schema: string | undefined) => boolean;

/**
 * Which PostgreSQL schemas are compared (Alembic's `include_schemas` and `include_name` for
 * `schema`): the default one, or with `includeSchemas` every one read or named by an entity, less
 * those `includeName` refuses. Elsewhere every table takes part: MySQL and SQLite have no schemas
 * the comparison could span.
 *
 * Two differences from Alembic, which compare the entity side more narrowly so that a fixpoint
 * exists: entity tables in a schema that is not compared are left out (Alembic would emit their
 * `create_table` on every run, as it reflects nothing there), with a note when `includeSchemas` is
 * off; and a schema named only by entities is asked about too, so one filter covers both sides.
 * A schema the entities need but the database lacks is not created (as in Alembic: who owns it and
 * its grants are the DBA's choice, and `op.execute` has no reverse for the downgrade); a note says so.
 */
export function schemaFilter(context: CompareContext, metadata: DatabaseSchema, database: DatabaseSchema): SchemaFilter {
  if (!dialectFor(context.dialect).hasSchemas) return () => true;
  const includeSchemas = context.options.includeSchemas === true;
  const defaultName = database.defaultSchema;
  const entitySchemas = new Set([...metadata.tables.values()].map((t) => t.schema));
  const candidates = new Set<string | undefined>([undefined, ...(includeSchemas ? entitySchemas : [])]);
  if (includeSchemas) for (const name of database.schemas ?? []) candidates.add(name === defaultName ? undefined : name);

  const compared = new Set<string | undefined>();
  for (const schema of candidates) {
    const name = schema ?? defaultName;
    if (name === undefined || !context.options.includeName || context.options.includeName(name, 'schema', {})) compared.add(schema);
  }

  if (!includeSchemas) {
    const others = [...entitySchemas].filter((s): s is string => s !== undefined).sort();
    for (const schema of others) {
      context.notes.push(
        `schema ${schema}: its entity tables are not compared; set includeSchemas to compare schemas other than the default one`,
      );
    }
  } else if (database.schemas) {
    const existing = new Set(database.schemas);
    const missing = [...entitySchemas].filter((s): s is string => s !== undefined && !existing.has(s) && compared.has(s)).sort();
    for (const schema of missing) {
      context.notes.push(
        `schema ${schema} does not exist; create it (op.execute('CREATE SCHEMA "${schema}"')) before this revision's tables`,
      );
    }
  }
  return (schema) => compared.has(schema);
}
