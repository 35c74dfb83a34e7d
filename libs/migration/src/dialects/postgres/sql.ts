import { isWordChar, SqlSyntax, standardEscape } from '../sql-syntax';

/** PostgreSQL: double-quoted names, `$n` parameters, E'' escape strings and $tag$ quoting. */
export const postgresSql: SqlSyntax = {
  identifierQuote: '"',
  placeholders: 'numbered',
  quotedSpans: { '"': false },
  backslashEscapesAt: (text, i) => /[eE]/.test(text[i - 1] ?? '') && !isWordChar(text[i - 2]),
  dollarQuoting: true,
  escapeString: standardEscape,
  booleanLiteral: (value) => (value ? 'TRUE' : 'FALSE'),
  // timestamptz reads a zone-less literal in the session's zone; the script says UTC.
  timestampLiteral: (utc) => `'${utc}+00'`,
  binaryLiteral: (hex) => `'\\x${hex}'::bytea`,
};
