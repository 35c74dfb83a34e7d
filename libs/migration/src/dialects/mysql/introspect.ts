import type { CatalogQuery, CatalogRow, CatalogScope } from '../catalog-query';
import { groupBy, optionalText } from '../catalog-query';
import { normalizeMysqlType } from './types';
import { byName, ColumnModel, DatabaseSchema, IndexModel, ReferentialAction, TableModel } from '../schema-model';

const SERVER = 'SELECT VERSION() AS version, DATABASE() AS current_database';

const TABLES = `
SELECT TABLE_NAME AS name, TABLE_COMMENT AS comment
FROM information_schema.TABLES
WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'
ORDER BY TABLE_NAME`;

const COLUMNS = `
SELECT TABLE_NAME AS table_name, COLUMN_NAME AS name, COLUMN_TYPE AS type, IS_NULLABLE AS nullable,
  COLUMN_DEFAULT AS server_default, EXTRA AS extra, COLUMN_COMMENT AS comment
FROM information_schema.COLUMNS
WHERE TABLE_SCHEMA = DATABASE()
ORDER BY TABLE_NAME, ORDINAL_POSITION`;

// Unique keys are read from STATISTICS with the other indexes (see TableModel); here only the
// primary key and foreign keys, one row per key column.
const KEYS = `
SELECT kcu.TABLE_NAME AS table_name, kcu.CONSTRAINT_NAME AS name, tc.CONSTRAINT_TYPE AS kind, kcu.COLUMN_NAME AS column_name,
  kcu.REFERENCED_TABLE_SCHEMA AS referred_schema, kcu.REFERENCED_TABLE_NAME AS referred_table,
  kcu.REFERENCED_COLUMN_NAME AS referred_column, rc.DELETE_RULE AS on_delete, rc.UPDATE_RULE AS on_update
FROM information_schema.TABLE_CONSTRAINTS tc
JOIN information_schema.KEY_COLUMN_USAGE kcu
  ON kcu.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND kcu.TABLE_NAME = tc.TABLE_NAME AND kcu.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
LEFT JOIN information_schema.REFERENTIAL_CONSTRAINTS rc
  ON rc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND rc.TABLE_NAME = tc.TABLE_NAME AND rc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
WHERE tc.TABLE_SCHEMA = DATABASE() AND tc.CONSTRAINT_TYPE IN ('PRIMARY KEY', 'FOREIGN KEY')
ORDER BY kcu.TABLE_NAME, kcu.CONSTRAINT_NAME, kcu.ORDINAL_POSITION`;

// SELECT *: MySQL 8 has an EXPRESSION column for functional key parts, MariaDB has none.
const STATISTICS = `
SELECT * FROM information_schema.STATISTICS
WHERE TABLE_SCHEMA = DATABASE() AND INDEX_NAME <> 'PRIMARY'
ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`;

// MariaDB names checks per table and has TABLE_NAME and LEVEL; MySQL 8 names them per schema
// and needs TABLE_CONSTRAINTS for the table.
const MARIADB_CHECKS = `
SELECT TABLE_NAME AS table_name, CONSTRAINT_NAME AS name, CHECK_CLAUSE AS clause, LEVEL AS level
FROM information_schema.CHECK_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA = DATABASE()
ORDER BY TABLE_NAME, CONSTRAINT_NAME`;
const MYSQL_CHECKS = `
SELECT tc.TABLE_NAME AS table_name, cc.CONSTRAINT_NAME AS name, cc.CHECK_CLAUSE AS clause, 'Table' AS level
FROM information_schema.TABLE_CONSTRAINTS tc
JOIN information_schema.CHECK_CONSTRAINTS cc ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
WHERE tc.TABLE_SCHEMA = DATABASE() AND tc.CONSTRAINT_TYPE = 'CHECK'
ORDER BY tc.TABLE_NAME, cc.CONSTRAINT_NAME`;

/** MariaDB's JSON is LONGTEXT with a column-level `json_valid(col)` check named for the column. */
const JSON_VALID = /^json_valid\(`((?:[^`]|``)+)`\)$/i;

/** Reads a MySQL or MariaDB database from information_schema in six queries, however many tables it has. */
export async function introspectMysql(query: CatalogQuery, scope: CatalogScope): Promise<DatabaseSchema> {
  const [server] = await query(SERVER);
  const isMariaDb = /mariadb/i.test(String(server['version']));
  const currentDatabase = String(server['current_database']);
  const results: CatalogRow[][] = [];
  for (const sql of [TABLES, COLUMNS, KEYS, STATISTICS, isMariaDb ? MARIADB_CHECKS : MYSQL_CHECKS]) results.push(await query(sql));
  const [tables, columns, keys, statistics, checks] = results;
  const columnsOf = groupBy(columns, (row) => String(row['table_name']));
  const keysOf = groupBy(keys, (row) => String(row['table_name']));
  const statisticsOf = groupBy(statistics, (row) => String(row['TABLE_NAME']));
  const checksOf = groupBy(checks, (row) => String(row['table_name']));

  const model = new Map<string, TableModel>();
  for (const table of tables) {
    const name = String(table['name']);
    if (!scope.isIncluded(name, undefined, true)) continue;
    const jsonColumns = new Set<string>();
    const checkConstraints = [];
    for (const row of checksOf.get(name) ?? []) {
      const jsonColumn = JSON_VALID.exec(String(row['clause']))?.[1]?.replace(/``/g, '`');
      if (isMariaDb && row['level'] === 'Column' && jsonColumn === String(row['name'])) jsonColumns.add(jsonColumn);
      else checkConstraints.push({ name: String(row['name']), condition: String(row['clause']) });
    }
    const keyGroups = groupBy(keysOf.get(name) ?? [], (row) => String(row['name']));
    const primaryKey = [...keyGroups.values()].find((rows) => rows[0]['kind'] === 'PRIMARY KEY');
    const foreignKeys = [...keyGroups.values()].filter((rows) => rows[0]['kind'] === 'FOREIGN KEY');
    const comment = optionalText(table['comment']);
    model.set(name, {
      name,
      ...(comment === undefined ? {} : { comment }),
      columns: (columnsOf.get(name) ?? []).map((row) => column(row, isMariaDb, jsonColumns)),
      ...(primaryKey ? { primaryKey: { name: 'PRIMARY', columns: primaryKey.map((row) => String(row['column_name'])) } } : {}),
      uniqueConstraints: [],
      indexes: byName([...groupBy(statisticsOf.get(name) ?? [], (row) => String(row['INDEX_NAME'])).values()].map(index)),
      foreignKeys: byName(
        foreignKeys.map((rows) => {
          const referredSchema = String(rows[0]['referred_schema']);
          return {
            name: String(rows[0]['name']),
            columns: rows.map((row) => String(row['column_name'])),
            ...(referredSchema === currentDatabase ? {} : { referredSchema }),
            referredTable: String(rows[0]['referred_table']),
            referredColumns: rows.map((row) => String(row['referred_column'])),
            onDelete: String(rows[0]['on_delete']) as ReferentialAction,
            onUpdate: String(rows[0]['on_update']) as ReferentialAction,
          };
        }),
      ),
      checkConstraints: byName(checkConstraints),
    });
  }
  return { dialect: 'mysql', tables: model, enums: new Map() };
}

function column(row: CatalogRow, isMariaDb: boolean, jsonColumns: ReadonlySet<string>): ColumnModel {
  const name = String(row['name']);
  const rawType = String(row['type']);
  const extra = String(row['extra'] ?? '');
  const serverDefault = defaultText(row['server_default'], extra, isMariaDb);
  // MariaDB: `on update current_timestamp(6)`; MySQL 8: `DEFAULT_GENERATED on update CURRENT_TIMESTAMP(6)`.
  const onUpdate = /\bon update (.+)$/i.exec(extra)?.[1].trim();
  const comment = optionalText(row['comment']);
  return {
    name,
    type: jsonColumns.has(name) ? 'json' : normalizeMysqlType(rawType),
    rawType,
    nullable: row['nullable'] === 'YES',
    ...(serverDefault === undefined ? {} : { serverDefault }),
    ...(onUpdate === undefined ? {} : { onUpdate }),
    autoincrement: /\bauto_increment\b/i.test(extra),
    ...(comment === undefined ? {} : { comment }),
  };
}

/**
 * MariaDB gives COLUMN_DEFAULT as SQL (`'draft'`, `current_timestamp()`, `NULL` for an explicit
 * DEFAULT NULL, which is no default); MySQL gives a literal's bare value, and SQL only for an
 * expression (EXTRA says DEFAULT_GENERATED), so its literals are quoted here to match.
 */
function defaultText(value: unknown, extra: string, isMariaDb: boolean): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = String(value);
  if (isMariaDb) return text === 'NULL' ? undefined : text;
  return /DEFAULT_GENERATED/i.test(extra) ? text : `'${text.replace(/'/g, "''")}'`;
}

function index(rows: CatalogRow[]): IndexModel {
  const expressions = rows.map((row) => optionalText(row['EXPRESSION']));
  const hasExpression = expressions.some((expression) => expression !== undefined);
  return {
    name: String(rows[0]['INDEX_NAME']),
    columns: rows.map((row) => optionalText(row['COLUMN_NAME']) ?? null),
    ...(hasExpression ? { expressions: rows.map((row, i) => expressions[i] ?? `\`${String(row['COLUMN_NAME'])}\``) } : {}),
    unique: Number(rows[0]['NON_UNIQUE']) === 0,
  };
}
