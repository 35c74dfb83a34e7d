import { SqlSyntax, standardEscape } from '../sql-syntax';

/**
 * MySQL/MariaDB: backquoted names, `?` parameters; the default sql_mode reads backslashes in
 * strings as escapes, and a double-quoted span is a string too.
 */
export const mysqlSql: SqlSyntax = {
  identifierQuote: '`',
  placeholders: 'question-mark',
  quotedSpans: { '"': true, '`': false },
  backslashEscapesAt: () => true,
  dollarQuoting: false,
  escapeString: (value) => standardEscape(value).replace(/\\/g, '\\\\').replace(/\0/g, '\\0'),
  booleanLiteral: (value) => (value ? 'TRUE' : 'FALSE'),
  timestampLiteral: (utc) => `'${utc}'`,
  binaryLiteral: (hex) => `X'${hex}'`,
};
