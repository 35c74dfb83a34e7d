import { MigrationError } from '../../errors';
import type { AlterColumnOptions } from '../../operations/column-ops';
import { ServerDefault, sqlText } from '../../operations/schema-objects';
import type { QueryRows } from '../../operations/ddl-impl';

/** A column as `alterColumn`'s `existing*` arguments describe it. */
export type ExistingColumn = Required<
  Pick<AlterColumnOptions, 'existingType' | 'existingNullable' | 'existingServerDefault' | 'existingComment' | 'existingAutoincrement'>
>;

/**
 * Reads a live MySQL or MariaDB column from information_schema, for an `alterColumn` that must
 * re-state it: its type as written (`int(11) unsigned`, `enum('a','b')`), nullability, default,
 * comment and AUTO_INCREMENT. Not carried: `ON UPDATE`, character set and collation, which
 * `alterColumn` has no arguments for.
 * @throws MigrationError when the table has no such column
 */
export async function readMysqlColumn(query: QueryRows, tableName: string, columnName: string): Promise<ExistingColumn> {
  const literal = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
  const [row] = await query(
    'SELECT COLUMN_TYPE AS type, IS_NULLABLE AS nullable, COLUMN_DEFAULT AS server_default, EXTRA AS extra, ' +
      'COLUMN_COMMENT AS comment, VERSION() AS version FROM information_schema.COLUMNS ' +
      `WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ${literal(tableName)} AND COLUMN_NAME = ${literal(columnName)}`,
  );
  if (!row) throw new MigrationError(`alterColumn('${tableName}', '${columnName}') on mysql: the table has no such column`);
  const extra = String(row['extra'] ?? '');
  const comment = String(row['comment'] ?? '');
  return {
    existingType: String(row['type']),
    existingNullable: row['nullable'] === 'YES',
    existingServerDefault: defaultOf(row['server_default'], extra, /mariadb/i.test(String(row['version']))),
    existingComment: comment === '' ? null : comment,
    existingAutoincrement: /\bauto_increment\b/i.test(extra),
  };
}

/**
 * MariaDB gives COLUMN_DEFAULT as SQL (`'draft'`, `current_timestamp()`, `NULL` for DEFAULT
 * NULL, which is no default); MySQL gives a literal's bare value, and SQL only for an expression
 * (EXTRA says DEFAULT_GENERATED).
 */
function defaultOf(value: unknown, extra: string, isMariaDb: boolean): ServerDefault | null {
  if (value === null || value === undefined) return null;
  const text = String(value);
  if (isMariaDb) return text === 'NULL' ? null : sqlText(text);
  return /DEFAULT_GENERATED/i.test(extra) ? sqlText(text) : text;
}
