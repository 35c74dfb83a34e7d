// Reads what SQLite keeps only in the CREATE TABLE / CREATE INDEX text: constraint names, CHECK
// conditions, AUTOINCREMENT, index expressions and partial-index predicates. No PRAGMA reports them.
import { MigrationError } from '../../errors';
import { Token, tokenize } from '../../operations/sql-tokens';

const isWord = (token: Token | undefined, word: string): boolean => token?.kind === 'word' && token.value.toUpperCase() === word;
const isPunct = (token: Token | undefined, punct: string): boolean => token?.kind === 'punct' && token.value === punct;

/** The index of the `)` matching the `(` at `open`. */
function closingParen(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (isPunct(tokens[i], '(')) depth++;
    else if (isPunct(tokens[i], ')') && --depth === 0) return i;
  }
  throw new MigrationError('Could not read a SQLite schema statement: unbalanced parentheses');
}

/** Splits tokens[from, to) at top-level commas. */
function splitTopLevel(tokens: readonly Token[], from: number, to: number): Token[][] {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (let i = from; i < to; i++) {
    const token = tokens[i];
    if (isPunct(token, '(')) depth++;
    else if (isPunct(token, ')')) depth--;
    if (depth === 0 && isPunct(token, ',')) parts.push([]);
    else parts[parts.length - 1].push(token);
  }
  return parts.filter((part) => part.length > 0);
}

/** The SQL text between the tokens at open and close (exclusive), as written. */
const textBetween = (sql: string, tokens: readonly Token[], open: number, close: number): string =>
  sql.slice(tokens[open].end, tokens[close].start).trim();

/** Column names of a `(a, b COLLATE nocase DESC)` list: the first token of each element. */
function columnList(tokens: readonly Token[], open: number): { columns: string[]; next: number } {
  const close = closingParen(tokens, open);
  return { columns: splitTopLevel(tokens, open + 1, close).map((part) => part[0].value), next: close + 1 };
}

export interface ParsedForeignKey {
  readonly name?: string;
  readonly columns: readonly string[];
  readonly referredTable: string;
  /** Empty when the key refers to the referred table's primary key implicitly. */
  readonly referredColumns: readonly string[];
}

/** The constraints of one CREATE TABLE statement, table-level and column-level, in declaration order. */
export interface ParsedCreateTable {
  readonly primaryKey?: { readonly name?: string; readonly columns: readonly string[] };
  readonly uniques: readonly { readonly name?: string; readonly columns: readonly string[] }[];
  readonly checks: readonly { readonly name?: string; readonly condition: string }[];
  readonly foreignKeys: readonly ParsedForeignKey[];
  /** The column declared `PRIMARY KEY AUTOINCREMENT`, if any. */
  readonly autoincrementColumn?: string;
}

const TABLE_CONSTRAINT_WORDS = ['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN'];

/**
 * Parses the constraint clauses of a CREATE TABLE statement as SQLite stores it in sqlite_master.
 * @throws Error when the text is not a CREATE TABLE with a column list
 */
export function parseCreateTable(sql: string): ParsedCreateTable {
  const tokens = tokenize(sql);
  const open = tokens.findIndex((token) => isPunct(token, '('));
  if (open === -1 || !isWord(tokens[0], 'CREATE'))
    throw new MigrationError(`Could not read the SQLite schema: not a CREATE TABLE statement: ${sql.split('\n')[0]}`);
  const close = closingParen(tokens, open);
  let primaryKey: ParsedCreateTable['primaryKey'];
  let autoincrementColumn: string | undefined;
  const uniques: { name?: string; columns: string[] }[] = [];
  const checks: { name?: string; condition: string }[] = [];
  const foreignKeys: ParsedForeignKey[] = [];

  for (const element of splitTopLevel(tokens, open + 1, close)) {
    const isTableConstraint = element[0].kind === 'word' && TABLE_CONSTRAINT_WORDS.includes(element[0].value.toUpperCase());
    const column = isTableConstraint ? undefined : element[0].value;
    let name: string | undefined;
    for (let i = isTableConstraint ? 0 : 1; i < element.length;) {
      const token = element[i];
      if (isWord(token, 'CONSTRAINT')) {
        name = element[i + 1].value;
        i += 2;
        continue;
      }
      if (isWord(token, 'PRIMARY') && isWord(element[i + 1], 'KEY')) {
        i += 2;
        let columns: string[] = column === undefined ? [] : [column];
        if (column === undefined) ({ columns, next: i } = columnList(element, i));
        primaryKey = { ...(name === undefined ? {} : { name }), columns };
        if (column !== undefined && element.slice(i).some((t) => isWord(t, 'AUTOINCREMENT'))) autoincrementColumn = column;
      } else if (isWord(token, 'UNIQUE')) {
        i += 1;
        let columns: string[] = column === undefined ? [] : [column];
        if (column === undefined) ({ columns, next: i } = columnList(element, i));
        uniques.push({ ...(name === undefined ? {} : { name }), columns });
      } else if (isWord(token, 'CHECK') && isPunct(element[i + 1], '(')) {
        const end = closingParen(element, i + 1);
        checks.push({ ...(name === undefined ? {} : { name }), condition: textBetween(sql, element, i + 1, end) });
        i = end + 1;
      } else if ((isWord(token, 'FOREIGN') && isWord(element[i + 1], 'KEY')) || isWord(token, 'REFERENCES')) {
        let columns: string[] = column === undefined ? [] : [column];
        if (column === undefined) ({ columns, next: i } = columnList(element, i + 2));
        // i is now at REFERENCES.
        i += 1;
        const referredTable = element[i].value;
        i += 1;
        let referredColumns: string[] = [];
        if (isPunct(element[i], '(')) ({ columns: referredColumns, next: i } = columnList(element, i));
        foreignKeys.push({ ...(name === undefined ? {} : { name }), columns, referredTable, referredColumns });
      } else {
        // Anything else (types, NOT NULL, DEFAULT (...), COLLATE, ON DELETE ...) carries no name
        // we need; a parenthesised group is skipped whole so words inside it are not read.
        i = isPunct(token, '(') ? closingParen(element, i) + 1 : i + 1;
        continue;
      }
      name = undefined;
    }
  }
  return { ...(primaryKey ? { primaryKey } : {}), uniques, checks, foreignKeys, ...(autoincrementColumn ? { autoincrementColumn } : {}) };
}

/** The key elements and predicate of a CREATE INDEX statement. */
export interface ParsedCreateIndex {
  /** Each key element as written, without ASC/DESC; `column` set when the element is a plain column. */
  readonly elements: readonly { readonly text: string; readonly column?: string }[];
  readonly where?: string;
}

/**
 * Parses a CREATE INDEX statement as SQLite stores it in sqlite_master.
 * @throws Error when the text has no `ON table (...)` part
 */
export function parseCreateIndex(sql: string): ParsedCreateIndex {
  const tokens = tokenize(sql);
  const on = tokens.findIndex((token) => isWord(token, 'ON'));
  const open = tokens.findIndex((token, i) => i > on && isPunct(token, '('));
  if (on === -1 || open === -1)
    throw new MigrationError(`Could not read the SQLite schema: not a CREATE INDEX statement: ${sql.split('\n')[0]}`);
  const close = closingParen(tokens, open);
  const elements = splitTopLevel(tokens, open + 1, close).map((part) => {
    let end = part.length;
    if (isWord(part[end - 1], 'ASC') || isWord(part[end - 1], 'DESC')) end--;
    const text = sql.slice(part[0].start, part[end - 1].end);
    const plain = end === 1 && (part[0].kind === 'identifier' || part[0].kind === 'word');
    return plain ? { text, column: part[0].value } : { text };
  });
  const where = isWord(tokens[close + 1], 'WHERE')
    ? sql
        .slice(tokens[close + 1].end)
        .trim()
        .replace(/;$/, '')
        .trim()
    : undefined;
  return where === undefined ? { elements } : { elements, where };
}
