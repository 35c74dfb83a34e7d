import type { CatalogQuery, CatalogRow, CatalogScope } from '../catalog-query';
import { groupBy } from '../catalog-query';
import { normalizeSqliteType } from './types';
import {
  byName,
  ColumnModel,
  DatabaseSchema,
  ForeignKeyModel,
  IndexModel,
  ReferentialAction,
  TableModel,
  UniqueConstraintModel,
} from '../schema-model';
import { parseCreateIndex, parseCreateTable, ParsedCreateTable } from './ddl-parser';

// SQLite has no catalog views across tables, but its pragmas are table-valued functions, so one
// join over sqlite_master reads a pragma for every table at once.
const USER_TABLES = `m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`;

const TABLES = `SELECT m.name AS name, m.sql AS sql FROM sqlite_master m WHERE ${USER_TABLES} ORDER BY m.name`;

const COLUMNS = `
SELECT m.name AS table_name, p.name AS name, p.type AS type, p."notnull" AS not_null, p.dflt_value AS server_default, p.pk AS pk
FROM sqlite_master m JOIN pragma_table_info(m.name) p
WHERE ${USER_TABLES}
ORDER BY m.name, p.cid`;

const FOREIGN_KEYS = `
SELECT m.name AS table_name, f.id AS id, f."from" AS column_name, f."table" AS referred_table, f."to" AS referred_column,
  f.on_delete AS on_delete, f.on_update AS on_update
FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
WHERE ${USER_TABLES}
ORDER BY m.name, f.id, f.seq`;

// origin: 'c' CREATE INDEX, 'u' UNIQUE constraint, 'pk' PRIMARY KEY. A key element that is an
// expression has cid -2 and no name.
const INDEXES = `
SELECT m.name AS table_name, il.name AS name, il."unique" AS is_unique, il.origin AS origin, il.partial AS partial,
  ii.name AS column_name, im.sql AS sql
FROM sqlite_master m
JOIN pragma_index_list(m.name) il
JOIN pragma_index_info(il.name) ii
LEFT JOIN sqlite_master im ON im.type = 'index' AND im.name = il.name
WHERE ${USER_TABLES}
ORDER BY m.name, il.name, ii.seqno`;

/** Reads a SQLite database in four queries, however many tables it has. */
export async function introspectSqlite(query: CatalogQuery, scope: CatalogScope): Promise<DatabaseSchema> {
  const results: CatalogRow[][] = [];
  for (const sql of [TABLES, COLUMNS, FOREIGN_KEYS, INDEXES]) results.push(await query(sql));
  const [tables, columns, foreignKeys, indexes] = results;
  // Unfiltered: a foreign key to an excluded table still needs that table's primary key.
  const columnsOf = groupBy(columns, (row) => String(row['table_name']));
  const foreignKeysOf = groupBy(foreignKeys, (row) => String(row['table_name']));
  const indexesOf = groupBy(indexes, (row) => String(row['table_name']));
  const primaryKeyOf = (table: string): string[] =>
    (columnsOf.get(table) ?? [])
      .filter((row) => Number(row['pk']) > 0)
      .sort((a, b) => Number(a['pk']) - Number(b['pk']))
      .map((row) => String(row['name']));

  const model = new Map<string, TableModel>();
  for (const table of tables) {
    const name = String(table['name']);
    if (!scope.isIncluded(name, undefined, true)) continue;
    const parsed = parseCreateTable(String(table['sql']));
    const keyColumns = primaryKeyOf(name);
    const rowidAlias = keyColumns.length === 1 ? keyColumns[0] : undefined;
    const indexGroups = [...groupBy(indexesOf.get(name) ?? [], (row) => String(row['name'])).values()];
    model.set(name, {
      name,
      columns: (columnsOf.get(name) ?? []).map((row) => column(row, parsed, rowidAlias)),
      ...(keyColumns.length
        ? { primaryKey: { ...(parsed.primaryKey?.name ? { name: parsed.primaryKey.name } : {}), columns: keyColumns } }
        : {}),
      uniqueConstraints: uniqueConstraints(
        indexGroups.filter((rows) => rows[0]['origin'] === 'u'),
        parsed,
      ),
      indexes: byName(indexGroups.filter((rows) => rows[0]['origin'] === 'c').map(index)),
      foreignKeys: foreignKeyModels(foreignKeysOf.get(name) ?? [], parsed, primaryKeyOf),
      checkConstraints: byName(parsed.checks.map((check) => ({ ...check }))),
    });
  }
  return { dialect: 'sqlite', tables: model, enums: new Map() };
}

function column(row: CatalogRow, parsed: ParsedCreateTable, rowidAlias: string | undefined): ColumnModel {
  const name = String(row['name']);
  const rawType = String(row['type'] ?? '');
  const serverDefault = row['server_default'] === null || row['server_default'] === undefined ? undefined : String(row['server_default']);
  // An INTEGER PRIMARY KEY is the rowid and can never be NULL, whatever "notnull" says.
  const isRowid = name === rowidAlias && /^integer$/i.test(rawType);
  return {
    name,
    type: normalizeSqliteType(rawType),
    rawType,
    nullable: Number(row['not_null']) === 0 && !isRowid,
    ...(serverDefault === undefined ? {} : { serverDefault }),
    autoincrement: parsed.autoincrementColumn === name,
  };
}

const sameNames = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((name, i) => name.toLowerCase() === b[i].toLowerCase());

/** Unique constraints with the names the CREATE TABLE gave them, matched by their columns. */
function uniqueConstraints(groups: CatalogRow[][], parsed: ParsedCreateTable): UniqueConstraintModel[] {
  const unclaimed = [...parsed.uniques];
  const found = groups.map((rows) => {
    const columns = rows.map((row) => String(row['column_name']));
    const match = unclaimed.findIndex((unique) => sameNames(unique.columns, columns));
    const [declared] = match === -1 ? [undefined] : unclaimed.splice(match, 1);
    return {
      constraint: { ...(declared?.name ? { name: declared.name } : {}), columns },
      position: declared ? parsed.uniques.indexOf(declared) : Infinity,
    };
  });
  return byName(found.sort((a, b) => a.position - b.position).map(({ constraint }) => constraint));
}

function index(rows: CatalogRow[]): IndexModel {
  const columns = rows.map((row) => (row['column_name'] === null ? null : String(row['column_name'])));
  const parsed = parseCreateIndex(String(rows[0]['sql']));
  return {
    name: String(rows[0]['name']),
    columns,
    ...(columns.includes(null) ? { expressions: parsed.elements.map((element) => element.text) } : {}),
    unique: Number(rows[0]['is_unique']) === 1,
    ...(Number(rows[0]['partial']) === 1 && parsed.where !== undefined ? { where: parsed.where } : {}),
  };
}

/** Foreign keys by pragma id, named from the CREATE TABLE by their columns and referred table. */
function foreignKeyModels(rows: CatalogRow[], parsed: ParsedCreateTable, primaryKeyOf: (table: string) => string[]): ForeignKeyModel[] {
  const unclaimed = [...parsed.foreignKeys];
  const found = [...groupBy(rows, (row) => String(row['id'])).values()].map((keyRows) => {
    const columns = keyRows.map((row) => String(row['column_name']));
    const referredTable = String(keyRows[0]['referred_table']);
    // "to" is NULL when the key refers to the other table's primary key implicitly.
    const referredColumns = keyRows.some((row) => row['referred_column'] === null)
      ? primaryKeyOf(referredTable)
      : keyRows.map((row) => String(row['referred_column']));
    const match = unclaimed.findIndex(
      (fk) => sameNames(fk.columns, columns) && fk.referredTable.toLowerCase() === referredTable.toLowerCase(),
    );
    const [declared] = match === -1 ? [undefined] : unclaimed.splice(match, 1);
    const foreignKey: ForeignKeyModel = {
      ...(declared?.name ? { name: declared.name } : {}),
      columns,
      referredTable,
      referredColumns,
      onDelete: String(keyRows[0]['on_delete']) as ReferentialAction,
      onUpdate: String(keyRows[0]['on_update']) as ReferentialAction,
    };
    return { foreignKey, position: declared ? parsed.foreignKeys.indexOf(declared) : Infinity };
  });
  return byName(found.sort((a, b) => a.position - b.position).map(({ foreignKey }) => foreignKey));
}
