import type { CatalogQuery, CatalogRow, CatalogScope } from './catalog-query';
import { groupBy, optionalText } from './catalog-query';
import { normalizeType } from './normalize-type';
import { byName, ColumnModel, DatabaseSchema, ReferentialAction, TableModel } from './schema-model';

// Every query takes the schema as $1; NULL means the connection's current schema.
const SCHEMA = 'n.nspname = COALESCE($1::text, current_schema())';

const TABLES = `
SELECT c.relname AS name, n.nspname AS schema, obj_description(c.oid, 'pg_class') AS comment
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE ${SCHEMA} AND c.relkind IN ('r', 'p') AND NOT c.relispartition
ORDER BY c.relname`;

const COLUMNS = `
SELECT c.relname AS table_name, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
  t.typtype AS type_kind, t.typname AS type_name, NOT a.attnotnull AS nullable,
  pg_get_expr(d.adbin, d.adrelid) AS server_default, a.attidentity AS identity,
  col_description(c.oid, a.attnum) AS comment
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE ${SCHEMA} AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY c.relname, a.attnum`;

// conkey/confkey are turned into column names inside the one query, in key order.
const keyNames = (keys: string, relation: string) => `ARRAY(
    SELECT a.attname::text FROM unnest(${keys}) WITH ORDINALITY k(attnum, position)
    JOIN pg_attribute a ON a.attrelid = ${relation} AND a.attnum = k.attnum ORDER BY k.position)`;
const CONSTRAINTS = `
SELECT cl.relname AS table_name, con.conname AS name, con.contype AS kind,
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
ORDER BY cl.relname, con.conname`;

// Indexes that back a primary key, unique or exclusion constraint are the constraint's business.
const INDEXES = `
SELECT t.relname AS table_name, i.relname AS name, ix.indisunique AS is_unique,
  ARRAY(SELECT pg_get_indexdef(ix.indexrelid, k, true) FROM generate_series(1, ix.indnkeyatts) k ORDER BY k) AS elements,
  ARRAY(SELECT ix.indkey[k - 1] = 0 FROM generate_series(1, ix.indnkeyatts) k ORDER BY k) AS is_expression,
  pg_get_expr(ix.indpred, ix.indrelid, true) AS predicate
FROM pg_index ix
JOIN pg_class i ON i.oid = ix.indexrelid
JOIN pg_class t ON t.oid = ix.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE ${SCHEMA} AND t.relkind IN ('r', 'p') AND NOT t.relispartition
  AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = ix.indexrelid AND con.conrelid = ix.indrelid AND con.contype IN ('p', 'u', 'x'))
ORDER BY t.relname, i.relname`;

const ENUMS = `
SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
FROM pg_type t
JOIN pg_enum e ON e.enumtypid = t.oid
JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE ${SCHEMA}
GROUP BY t.typname
ORDER BY t.typname`;

const ACTIONS: Record<string, ReferentialAction> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

/** A serial column's default: `nextval('seq'::regclass)`. */
const NEXTVAL = /^nextval\('[^']+'::regclass\)$/;

/** Reads a PostgreSQL schema from pg_catalog in five queries, however many tables it has. */
export async function introspectPostgres(query: CatalogQuery, scope: CatalogScope): Promise<DatabaseSchema> {
  const parameters = [scope.schema ?? null];
  // One after another: a QueryRunner is one connection.
  const results: CatalogRow[][] = [];
  for (const sql of [TABLES, COLUMNS, CONSTRAINTS, INDEXES, ENUMS]) results.push(await query(sql, parameters));
  const [tables, columns, constraints, indexes, enums] = results;
  const columnsOf = groupBy(columns, (row) => String(row['table_name']));
  const constraintsOf = groupBy(constraints, (row) => String(row['table_name']));
  const indexesOf = groupBy(indexes, (row) => String(row['table_name']));

  const model = new Map<string, TableModel>();
  for (const table of tables) {
    const name = String(table['name']);
    if (!scope.isIncluded(name)) continue;
    const ofKind = (kind: string) => (constraintsOf.get(name) ?? []).filter((row) => row['kind'] === kind);
    const [primaryKey] = ofKind('p');
    const comment = optionalText(table['comment']);
    model.set(name, {
      name,
      schema: String(table['schema']),
      ...(comment === undefined ? {} : { comment }),
      columns: (columnsOf.get(name) ?? []).map(column),
      ...(primaryKey ? { primaryKey: { name: String(primaryKey['name']), columns: textArray(primaryKey['columns']) } } : {}),
      uniqueConstraints: byName(ofKind('u').map((row) => ({ name: String(row['name']), columns: textArray(row['columns']) }))),
      indexes: byName(
        (indexesOf.get(name) ?? []).map((row) => {
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
      foreignKeys: byName(ofKind('f').map((row) => {
        const referredSchema = String(row['referred_schema']);
        return {
          name: String(row['name']),
          columns: textArray(row['columns']),
          ...(referredSchema === String(table['schema']) ? {} : { referredSchema }),
          referredTable: String(row['referred_table']),
          referredColumns: textArray(row['referred_columns']),
          onDelete: ACTIONS[String(row['on_delete'])],
          onUpdate: ACTIONS[String(row['on_update'])],
        };
      })),
      checkConstraints: byName(ofKind('c').map((row) => ({ name: String(row['name']), condition: checkCondition(String(row['definition'])) }))),
    });
  }
  return {
    dialect: 'postgres',
    tables: model,
    enums: new Map(enums.map((row) => [String(row['name']), textArray(row['labels'])])),
  };
}

function column(row: CatalogRow): ColumnModel {
  const rawType = String(row['type']);
  const isEnum = row['type_kind'] === 'e';
  const serverDefault = optionalText(row['server_default']);
  const comment = optionalText(row['comment']);
  const type = isEnum ? String(row['type_name']) : normalizeType('postgres', rawType);
  const isSerial = serverDefault !== undefined && NEXTVAL.test(serverDefault) && ['integer', 'bigint', 'smallint'].includes(type);
  return {
    name: String(row['name']),
    type,
    rawType,
    nullable: Boolean(row['nullable']),
    ...(serverDefault === undefined ? {} : { serverDefault }),
    autoincrement: isSerial || row['identity'] === 'a' || row['identity'] === 'd',
    ...(comment === undefined ? {} : { comment }),
    ...(isEnum ? { enumName: String(row['type_name']) } : {}),
  };
}

/** node-postgres parses text[] into arrays; anything else (a driver without the parser) is read as `{a,b}`. */
function textArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  const text = String(value ?? '{}');
  return text === '{}' ? [] : text.slice(1, -1).split(',').map((item) => item.replace(/^"(.*)"$/, '$1'));
}

/** pg_get_indexdef quotes a column name only when it must; the model holds the bare name. */
const unquoteIdentifier = (text: string): string => (/^".*"$/.test(text) ? text.slice(1, -1).replace(/""/g, '"') : text);

/** `CHECK ((price > 0)) NOT VALID` -> `(price > 0)`, as SQLAlchemy reflects it. */
function checkCondition(definition: string): string {
  const match = /^CHECK\s*\((.*)\)(\s+NOT VALID)?$/s.exec(definition);
  return match ? match[1] : definition;
}
