import { MigrationError } from '../../errors';
import {
  Column,
  f,
  ForeignKeyConstraint,
  IndexDefinition,
  ReferentialAction,
  ServerDefault,
  SqlText,
  sqlText,
  TableConstraint,
  TableDefinition,
} from '../../operations/schema-objects';
import type { QueryRows } from '../../operations/ddl-impl';

/**
 * Reads a live SQLite table as batch mode needs it (Alembic reflects it): columns, types,
 * nullability and defaults from `PRAGMA table_info`; the primary key, unique constraints and
 * indexes from `PRAGMA index_list`/`index_info` and their CREATE INDEX text; foreign keys from
 * `PRAGMA foreign_key_list`; and from the table's CREATE TABLE text what no PRAGMA gives: check
 * constraints, constraint names and AUTOINCREMENT. Names are final, unnamed ones `f('')`, so the
 * recreated table has exactly the names the old one had.
 *
 * Not read: generated columns, COLLATE clauses, DEFERRABLE foreign keys and triggers (as Alembic,
 * a recreate drops triggers).
 * @throws MigrationError when the table does not exist
 */
export async function readSqliteTable(query: QueryRows, tableName: string): Promise<TableDefinition> {
  const literal = `'${tableName.replace(/'/g, "''")}'`;
  const [master] = await query(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ${literal}`);
  if (!master) throw new MigrationError(`batchAlterTable('${tableName}') cannot read the table: sqlite has no table named ${tableName}`);
  const parsed = parseCreateTable(String(master['sql']));
  const info = await query(`PRAGMA table_info(${literal})`);
  const keyColumns = info
    .filter((c) => Number(c['pk']) > 0)
    .sort((a, b) => Number(a['pk']) - Number(b['pk']))
    .map((c) => String(c['name']));
  const autoincrement = parsed.autoincrement && keyColumns.length === 1 ? keyColumns[0] : undefined;

  const columns: Column[] = info.map((row) => {
    const name = String(row['name']);
    const column: Column = { name, type: String(row['type'] ?? ''), nullable: Number(row['notnull']) === 0 };
    if (row['dflt_value'] !== null && row['dflt_value'] !== undefined) column.serverDefault = reflectDefault(String(row['dflt_value']));
    if (name === autoincrement) Object.assign(column, { primaryKey: true, autoincrement: true, nullable: false });
    return column;
  });

  const constraints: TableConstraint[] = [];
  if (keyColumns.length && !autoincrement)
    constraints.push({ kind: 'primaryKey', columns: keyColumns, name: f(parsed.primaryKeyName ?? '') });

  const indexes: IndexDefinition[] = [];
  // In declaration order: a unique constraint's automatic index is numbered so (sqlite_autoindex_<table>_<n>).
  const autoindexNumber = (row: Record<string, unknown>) => Number(/_(\d+)$/.exec(String(row['name']))?.[1] ?? 0);
  const indexList = [...(await query(`PRAGMA index_list(${literal})`))].sort(
    (a, b) => autoindexNumber(a) - autoindexNumber(b) || String(a['name']).localeCompare(String(b['name'])),
  );
  for (const index of indexList) {
    const name = String(index['name']);
    const origin = String(index['origin']);
    if (origin === 'pk') continue;
    const indexLiteral = `'${name.replace(/'/g, "''")}'`;
    const indexColumns = (await query(`PRAGMA index_info(${indexLiteral})`))
      .slice()
      .sort((a, b) => Number(a['seqno']) - Number(b['seqno']))
      .map((c) => (c['name'] === null ? undefined : String(c['name'])));
    if (origin === 'u') {
      const names = indexColumns.filter((c): c is string => c !== undefined);
      constraints.push({
        kind: 'unique',
        columns: names,
        name: f(parsed.names.find((n) => n.kind === 'unique' && sameColumns(n.columns, names))?.name ?? ''),
      });
      continue;
    }
    const [row] = await query(`SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ${indexLiteral}`);
    const parsedIndex = row && row['sql'] ? parseCreateIndex(String(row['sql'])) : undefined;
    indexes.push({
      kind: 'index',
      name: f(name),
      columns: parsedIndex?.columns ?? indexColumns.map((c) => c ?? ''),
      ...(Number(index['unique']) === 1 ? { unique: true } : {}),
      ...(parsedIndex?.where ? { where: parsedIndex.where } : {}),
    });
  }

  const keys = new Map<number, ForeignKeyConstraint>();
  for (const row of await query(`PRAGMA foreign_key_list(${literal})`)) {
    const id = Number(row['id']);
    const referredTable = String(row['table']);
    let key = keys.get(id);
    if (!key) {
      key = { kind: 'foreignKey', columns: [], referredTable, referredColumns: [] };
      const onDelete = action(row['on_delete']);
      const onUpdate = action(row['on_update']);
      if (onDelete) key.onDelete = onDelete;
      if (onUpdate) key.onUpdate = onUpdate;
      keys.set(id, key);
    }
    (key.columns as string[]).push(String(row['from']));
    if (row['to'] !== null) (key.referredColumns as string[]).push(String(row['to']));
  }
  // Ids count down in declaration order; keep the order of the CREATE TABLE text.
  for (const key of [...keys.entries()].sort(([a], [b]) => b - a).map(([, k]) => k)) {
    if (!key.referredColumns.length) {
      // `REFERENCES parent` without columns: the parent's primary key.
      const parent = await query(`PRAGMA table_info('${key.referredTable.replace(/'/g, "''")}')`);
      key.referredColumns = parent
        .filter((c) => Number(c['pk']) > 0)
        .sort((a, b) => Number(a['pk']) - Number(b['pk']))
        .map((c) => String(c['name']));
    }
    const named = parsed.names.find((n) => n.kind === 'foreignKey' && sameColumns(n.columns, key.columns));
    constraints.push({ ...key, name: f(named?.name ?? '') });
  }
  for (const check of parsed.checks) constraints.push({ kind: 'check', condition: check.condition, name: f(check.name ?? '') });
  return { columns, constraints, indexes };
}

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x.toLowerCase() === b[i].toLowerCase());
}

function action(value: unknown): ReferentialAction | undefined {
  const text = String(value ?? '').toUpperCase();
  return text === '' || text === 'NO ACTION' ? undefined : (text as ReferentialAction);
}

/** A default as PRAGMA table_info gives it: a quoted string or a number as a literal, anything else as SQL. */
function reflectDefault(text: string): ServerDefault {
  const quoted = /^'((?:[^']|'')*)'$/s.exec(text);
  if (quoted) return quoted[1].replace(/''/g, "'");
  if (/^-?\d+(\.\d+)?$/.test(text) && String(Number(text)) === text) return Number(text);
  return sqlText(text);
}

interface ParsedTable {
  autoincrement: boolean;
  primaryKeyName?: string;
  /** Named unique and foreign-key constraints, by their columns. */
  names: { kind: 'unique' | 'foreignKey'; name: string; columns: string[] }[];
  checks: { name?: string; condition: string }[];
}

/** What only the CREATE TABLE text tells: AUTOINCREMENT, constraint names and checks (table-level or on a column). */
export function parseCreateTable(sql: string): ParsedTable {
  const open = sql.indexOf('(');
  const body = sql.slice(open + 1, matchingParen(sql, open));
  const parsed: ParsedTable = { autoincrement: /\bAUTOINCREMENT\b/i.test(stripQuoted(body)), names: [], checks: [] };
  for (const element of splitTopLevel(body)) {
    const first = readIdentifier(element, 0);
    const tableLevel = /^(CONSTRAINT|PRIMARY|UNIQUE|CHECK|FOREIGN)$/i.test(first?.bareWord ?? '');
    const column = tableLevel ? undefined : first?.name;
    let rest = tableLevel || !first ? element : element.slice(first.end);
    // Each constraint clause, optionally named: CONSTRAINT name <PRIMARY KEY|UNIQUE|CHECK|FOREIGN KEY|REFERENCES ...>.
    const clause =
      /\b(?:CONSTRAINT\s+("(?:[^"]|"")*"|`(?:[^`]|``)*`|\[[^\]]*\]|[A-Za-z_][A-Za-z0-9_$]*)\s+)?(PRIMARY\s+KEY|UNIQUE|CHECK|FOREIGN\s+KEY|REFERENCES)\b/gi;
    let match: RegExpExecArray | null;
    // Matched on the text as written (names are quoted), keeping only keywords outside quotes.
    while ((match = nextClause(clause, rest)) !== null) {
      const name = match[1] === undefined ? undefined : unquote(match[1]);
      const kind = match[2].toUpperCase().replace(/\s+/g, ' ');
      let after = match.index + match[0].length;
      const parenAt = rest.indexOf('(', after);
      const hasList = parenAt >= 0 && /^\s*$/.test(rest.slice(after, parenAt));
      const listEnd = hasList ? matchingParen(rest, parenAt) : -1;
      const inside = hasList ? rest.slice(parenAt + 1, listEnd) : '';
      if (kind === 'CHECK' && hasList) {
        parsed.checks.push({ ...(name === undefined ? {} : { name }), condition: inside.trim() });
      } else if (kind === 'PRIMARY KEY') {
        if (name !== undefined) parsed.primaryKeyName = name;
      } else if (name !== undefined && (kind === 'UNIQUE' || kind === 'FOREIGN KEY' || kind === 'REFERENCES')) {
        const columns =
          kind === 'REFERENCES' || !hasList
            ? column
              ? [column]
              : []
            : splitTopLevel(inside).map((c) => readIdentifier(c, 0)?.name ?? c.trim());
        parsed.names.push({ kind: kind === 'UNIQUE' ? 'unique' : 'foreignKey', name, columns });
      }
      if (hasList) after = listEnd + 1;
      rest = rest.slice(after);
    }
  }
  return parsed;
}

function nextClause(clause: RegExp, text: string): RegExpExecArray | null {
  const masked = maskQuoted(text);
  clause.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = clause.exec(text)) !== null) {
    const keywordAt = match.index + match[0].length - match[2].length;
    if (masked[match.index] === text[match.index] && masked[keywordAt] === text[keywordAt]) return match;
    clause.lastIndex = match.index + 1;
  }
  return null;
}

/** The key parts and WHERE of a CREATE INDEX: plain column names, anything else (expressions, DESC, COLLATE) as SQL. */
function parseCreateIndex(sql: string): { columns: (string | SqlText)[]; where?: string } {
  const open = sql.indexOf('(', maskQuoted(sql).search(/\bON\b/i));
  const close = matchingParen(sql, open);
  const columns = splitTopLevel(sql.slice(open + 1, close)).map((part): string | SqlText => {
    const id = readIdentifier(part, 0);
    return id && id.end === part.length ? id.name : sqlText(part);
  });
  const tail = sql.slice(close + 1);
  const where = /^\s*WHERE\s+([\s\S]*)$/i.exec(tail);
  return { columns, ...(where ? { where: where[1].trim() } : {}) };
}

// ---- a little SQL scanning: quotes, parentheses, identifiers ----

function quoteEnd(sql: string, i: number): number {
  const close = { "'": "'", '"': '"', '`': '`', '[': ']' }[sql[i]];
  if (close === undefined) return i;
  let j = i + 1;
  while (j < sql.length) {
    if (sql[j] === close) {
      if (close !== ']' && sql[j + 1] === close) j += 2;
      else return j + 1;
    } else j++;
  }
  return sql.length;
}

/** `sql` with every quoted span replaced by spaces of the same length, so keyword searches skip them. */
function maskQuoted(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const end = quoteEnd(sql, i);
    if (end > i) {
      out += ' '.repeat(end - i);
      i = end;
    } else out += sql[i++];
  }
  return out;
}

function stripQuoted(sql: string): string {
  return maskQuoted(sql);
}

function matchingParen(sql: string, open: number): number {
  let depth = 0;
  let i = open;
  while (i < sql.length) {
    const end = quoteEnd(sql, i);
    if (end > i) {
      i = end;
      continue;
    }
    if (sql[i] === '(') depth++;
    else if (sql[i] === ')' && --depth === 0) return i;
    i++;
  }
  return sql.length;
}

function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  let i = 0;
  while (i < body.length) {
    const end = quoteEnd(body, i);
    if (end > i) {
      i = end;
      continue;
    }
    const ch = body[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(body.slice(start, i).trim());
      start = i + 1;
    }
    i++;
  }
  parts.push(body.slice(start).trim());
  return parts.filter((p) => p.length > 0);
}

function unquote(token: string): string {
  const first = token[0];
  if (first === '"') return token.slice(1, -1).replace(/""/g, '"');
  if (first === '`') return token.slice(1, -1).replace(/``/g, '`');
  if (first === '[') return token.slice(1, -1);
  if (first === "'") return token.slice(1, -1).replace(/''/g, "'");
  return token;
}

/** The identifier at `from` (after spaces): its name, the word as written if bare, and where it ends. */
function readIdentifier(sql: string, from: number): { name: string; bareWord?: string; end: number } | undefined {
  let i = from;
  while (i < sql.length && /\s/.test(sql[i])) i++;
  const end = quoteEnd(sql, i);
  if (end > i) return { name: unquote(sql.slice(i, end)), end };
  const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(sql.slice(i));
  return word ? { name: word[0], bareWord: word[0], end: i + word[0].length } : undefined;
}
