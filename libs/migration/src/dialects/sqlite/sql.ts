import { SqlSyntax, standardEscape } from '../sql-syntax';

/** SQLite: double-quoted names, `?` parameters, no boolean type (1/0, as SQLAlchemy renders). */
export const sqliteSql: SqlSyntax = {
  identifierQuote: '"',
  placeholders: 'question-mark',
  quotedSpans: { '"': false },
  backslashEscapesAt: () => false,
  dollarQuoting: false,
  escapeString: standardEscape,
  booleanLiteral: (value) => (value ? '1' : '0'),
  timestampLiteral: (utc) => `'${utc}'`,
  binaryLiteral: (hex) => `X'${hex}'`,
};
