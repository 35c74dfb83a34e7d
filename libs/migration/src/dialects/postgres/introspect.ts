import type { CatalogQuery, CatalogRow, CatalogScope } from '../catalog-query';
import { groupBy, optionalText } from '../catalog-query';
import { normalizePostgresType } from './types';
import { byName, ColumnModel, DatabaseSchema, qualifiedName, ReferentialAction, TableModel } from '../schema-model';

// Every query takes the same parameters: $1 the one schema to read (NULL: current_schema()), and
// $2 true to read every schema but PostgreSQL's own instead (includeSchemas). Schemas are chosen
// here, in SQL, so the query count does not grow with them. Names starting `pg_` are reserved for
// the system (pg_catalog, pg_toast, pg_temp_N, pg_toast_temp_N); no user schema can have one.
const SCHEMA = `(CASE WHEN $2::boolean
    THEN n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
    ELSE n.nspname = COALESCE($1::text, current_schema()) END)`;

// From the schemas, so a schema without tables is still listed (a row with a NULL name).
const TABLES = `
SELECT n.nspname AS schema, current_schema() AS default_schema, c.relname AS name, obj_description(c.oid, 'pg_class') AS comment
FROM pg_namespace n
LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relkind IN ('r', 'p') AND NOT c.relispartition
WHERE ${SCHEMA}
ORDER BY n.nspname, c.relname`;

const COLUMNS = `
SELECT n.nspname AS table_schema, c.relname AS table_name, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
  t.typtype AS type_kind, tn.nspname AS type_schema, t.typname AS type_name, NOT a.attnotnull AS nullable,
  pg_get_expr(d.adbin, d.adrelid) AS server_default, a.attidentity AS identity,
  col_description(c.oid, a.attnum) AS comment
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
JOIN pg_namespace tn ON tn.oid = t.typnamespace
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE ${SCHEMA} AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY n.nspname, c.relname, a.attnum`;

// conkey/confkey are turned into column names inside the one query, in key order.
const keyNames = (keys: string, relation: string) => `ARRAY(
    SELECT a.attname::text FROM unnest(${keys}) WITH ORDINALITY k(attnum, position)
    JOIN pg_attribute a ON a.attrelid = ${relation} AND a.attnum = k.attnum ORDER BY k.position)`;
const CONSTRAINTS = `
SELECT n.nspname AS table_schema, cl.relname AS table_name, con.conname AS name, con.contype AS kind,
  ${keyNames('con.conkey', 'con.conrelid')} AS columns,
  fn.nspname AS referred_schema, fcl.relname AS referred_table,
  ${keyNames('con.confkey', 'con.confrelid')} AS referred_columns,
  con.confdeltype AS on_delete, con.confupdtype AS on_update, pg_get_constraintdef(con.oid, true) AS definition
FROM pg_constraint con
JOIN pg_class cl ON cl.oid = con.conrelid
JOIN pg_namespace n ON n.oid = cl.relnamespace
LEFT JOIN pg_class fcl ON fcl.oid = con.confrelid
LEFT JOIN pg_namespace fn ON fn.oid = fcl.relnamespace
WHERE ${SCHEMA} AND con.contype IN ('p', 'u', 'f', 'c')
ORDER BY n.nspname, cl.relname, con.conname`;

// Indexes that back a primary key, unique or exclusion constraint are the constraint's business.
const INDEXES = `
SELECT n.nspname AS table_schema, t.relname AS table_name, i.relname AS name, ix.indisunique AS is_unique,
  ARRAY(SELECT pg_get_indexdef(ix.indexrelid, k, true) FROM generate_series(1, ix.indnkeyatts) k ORDER BY k) AS elements,
  ARRAY(SELECT ix.indkey[k - 1] = 0 FROM generate_series(1, ix.indnkeyatts) k ORDER BY k) AS is_expression,
  pg_get_expr(ix.indpred, ix.indrelid, true) AS predicate
FROM pg_index ix
JOIN pg_class i ON i.oid = ix.indexrelid
JOIN pg_class t ON t.oid = ix.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE ${SCHEMA} AND t.relkind IN ('r', 'p') AND NOT t.relispartition
  AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = ix.indexrelid AND con.conrelid = ix.indrelid AND con.contype IN ('p', 'u', 'x'))
ORDER BY n.nspname, t.relname, i.relname`;

const ENUMS = `
SELECT n.nspname AS schema, t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
FROM pg_type t
JOIN pg_enum e ON e.enumtypid = t.oid
JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE ${SCHEMA}
GROUP BY n.nspname, t.typname
ORDER BY n.nspname, t.typname`;

const ACTIONS: Record<string, ReferentialAction> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

/** A serial column's default: `nextval('seq'::regclass)`. */
const NEXTVAL = /^nextval\('[^']+'::regclass\)$/;

/** Rows of one table: its schema and name, which together identify it. */
const tableOf = (row: CatalogRow): string => JSON.stringify([String(row['table_schema']), String(row['table_name'])]);

/**
 * Reads PostgreSQL schemas from pg_catalog in five queries, however many tables and schemas there
 * are: the one schema of `scope`, or with `includeSchemas` every schema but the system ones.
 */
export async function introspectPostgres(query: CatalogQuery, scope: CatalogScope): Promise<DatabaseSchema> {
  const parameters = [scope.schema ?? null, scope.includeSchemas === true];
  // One after another: a QueryRunner is one connection.
  const results: CatalogRow[][] = [];
  for (const sql of [TABLES, COLUMNS, CONSTRAINTS, INDEXES, ENUMS]) results.push(await query(sql, parameters));
  const [tables, columns, constraints, indexes, enums] = results;
  const defaultSchema = optionalText(tables[0]?.['default_schema']);
  // Absent for the default schema, as the model spells it.
  const relative = (schema: unknown): string | undefined => (String(schema) === defaultSchema ? undefined : String(schema));
  const columnsOf = groupBy(columns, tableOf);
  const constraintsOf = groupBy(constraints, tableOf);
  const indexesOf = groupBy(indexes, tableOf);

  const model = new Map<string, TableModel>();
  for (const table of tables) {
    if (table['name'] === null) continue;
    const name = String(table['name']);
    const schema = relative(table['schema']);
    if (!scope.isIncluded(name, String(table['schema']), schema === undefined)) continue;
    const key = tableOf({ table_schema: table['schema'], table_name: name });
    const ofKind = (kind: string) => (constraintsOf.get(key) ?? []).filter((row) => row['kind'] === kind);
    const [primaryKey] = ofKind('p');
    const comment = optionalText(table['comment']);
    model.set(qualifiedName(schema, name), {
      name,
      ...(schema === undefined ? {} : { schema }),
      ...(comment === undefined ? {} : { comment }),
      columns: (columnsOf.get(key) ?? []).map((row) => column(row, relative)),
      ...(primaryKey ? { primaryKey: { name: String(primaryKey['name']), columns: textArray(primaryKey['columns']) } } : {}),
      uniqueConstraints: byName(ofKind('u').map((row) => ({ name: String(row['name']), columns: textArray(row['columns']) }))),
      indexes: byName(
        (indexesOf.get(key) ?? []).map((row) => {
          const elements = textArray(row['elements']);
          const isExpression = row['is_expression'] as boolean[];
          const where = optionalText(row['predicate']);
          return {
            name: String(row['name']),
            columns: elements.map((element, i) => (isExpression[i] ? null : unquoteIdentifier(element))),
            ...(isExpression.some(Boolean) ? { expressions: elements } : {}),
            unique: Boolean(row['is_unique']),
            ...(where === undefined ? {} : { where }),
          };
        }),
      ),
      foreignKeys: byName(
        ofKind('f').map((row) => {
          const referredSchema = relative(row['referred_schema']);
          return {
            name: String(row['name']),
            columns: textArray(row['columns']),
            ...(referredSchema === undefined ? {} : { referredSchema }),
            referredTable: String(row['referred_table']),
            referredColumns: textArray(row['referred_columns']),
            onDelete: ACTIONS[String(row['on_delete'])],
            onUpdate: ACTIONS[String(row['on_update'])],
          };
        }),
      ),
      checkConstraints: byName(
        ofKind('c').map((row) => ({ name: String(row['name']), condition: checkCondition(String(row['definition'])) })),
      ),
    });
  }
  return {
    dialect: 'postgres',
    tables: model,
    enums: new Map(enums.map((row) => [qualifiedName(relative(row['schema']), String(row['name'])), textArray(row['labels'])])),
    ...(defaultSchema === undefined ? {} : { defaultSchema }),
    schemas: [...new Set(tables.map((row) => String(row['schema'])))],
  };
}

/** `relative` gives a schema as the model spells it: absent for the default one. */
function column(row: CatalogRow, relative: (schema: unknown) => string | undefined): ColumnModel {
  const rawType = String(row['type']);
  const isEnum = row['type_kind'] === 'e';
  const serverDefault = optionalText(row['server_default']);
  const comment = optionalText(row['comment']);
  // An enum type is named as its key in `enums`: qualified when it lives outside the default schema.
  const type = isEnum ? qualifiedName(relative(row['type_schema']), String(row['type_name'])) : normalizePostgresType(rawType);
  const isSerial = serverDefault !== undefined && NEXTVAL.test(serverDefault) && ['integer', 'bigint', 'smallint'].includes(type);
  return {
    name: String(row['name']),
    type,
    rawType,
    nullable: Boolean(row['nullable']),
    ...(serverDefault === undefined ? {} : { serverDefault }),
    autoincrement: isSerial || row['identity'] === 'a' || row['identity'] === 'd',
    ...(comment === undefined ? {} : { comment }),
    ...(isEnum ? { enumName: type } : {}),
  };
}

/** node-postgres parses text[] into arrays; anything else (a driver without the parser) is read as `{a,b}`. */
function textArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  const text = String(value ?? '{}');
  return text === '{}'
    ? []
    : text
        .slice(1, -1)
        .split(',')
        .map((item) => item.replace(/^"(.*)"$/, '$1'));
}

/** pg_get_indexdef quotes a column name only when it must; the model holds the bare name. */
const unquoteIdentifier = (text: string): string => (/^".*"$/.test(text) ? text.slice(1, -1).replace(/""/g, '"') : text);

/** `CHECK ((price > 0)) NOT VALID` -> `(price > 0)`, as SQLAlchemy reflects it. */
function checkCondition(definition: string): string {
  const match = /^CHECK\s*\((.*)\)(\s+NOT VALID)?$/s.exec(definition);
  return match ? match[1] : definition;
}
